#!/usr/bin/env python3
"""PyTorch eager reference for HideAndSeek.Benchmarks: one end-to-end training epoch of SmallAlexNetGap (or, with
--network resnet18, of the ResNet18 GAP network that HideAndSeek.NET imports from ML.NET's ResNet18 package).

The same work as the .NET pipeline LoadImages -> ResizeImages(64) -> ExtractPixels -> HidePatches(16) ->
GapClassifier(SmallAlexNetGap, batch 128): JPEG decoding of train/<wnid>/images/*.JPEG with PIL in a DataLoader with
two worker processes, Hide-and-Seek in numpy (a top-left anchored grid of 16 x 16 patches, each hidden with
probability 0.5, filled with the dataset mean pixel), then momentum SGD on the network. One warm-up epoch, one timed
epoch; the last output line is a JSON object with "images_per_second".

Run it with Debian's interpreter, where python3-torch installs:
    apt-get install -y python3-torch python3-torchvision python3-pil
    /usr/bin/python3 train_epoch.py --data ../shared/data/tiny-imagenet-10
"""
import argparse
import json
import os
import sys
import time

MISSING_PACKAGES_EXIT_CODE = 3  # HideAndSeek.Benchmarks reads this as "skipped"

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    from PIL import Image
except ImportError as error:
    print(f"skipped: install python3-torch python3-torchvision python3-pil and run with /usr/bin/python3 ({error})",
          file=sys.stderr)
    sys.exit(MISSING_PACKAGES_EXIT_CODE)

SEED_MEAN_PIXEL = (122.46, 114.26, 101.36)  # what the network subtracts (the seed's Tiny ImageNet mean)


def log(message):
    print(message, file=sys.stderr, flush=True)


class GridHider:
    """Hides S x S patches anchored at the top-left corner (edge patches truncated), each with probability p."""

    def __init__(self, side, probability, fill, seed):
        self.side = side
        self.probability = probability
        self.fill = np.asarray(fill, dtype=np.float32)[:, None, None]
        self.seed = seed

    def __call__(self, pixels, epoch, index):
        # A fresh mask per image and epoch, independent of worker and visiting order.
        rng = np.random.default_rng((self.seed, epoch, index))
        _, height, width = pixels.shape
        s = self.side
        rows, cols = -(-height // s), -(-width // s)
        hidden = rng.random((rows, cols)) < self.probability
        for r, c in zip(*np.nonzero(hidden)):
            pixels[:, r * s:(r + 1) * s, c * s:(c + 1) * s] = self.fill


class TinyImageNetTrain(torch.utils.data.Dataset):
    """The train/<wnid>/images/*.JPEG layout as (3 x 64 x 64 float pixels 0..255, class index)."""

    def __init__(self, root, max_per_class=None, side=64):
        with open(os.path.join(root, "wnids.txt")) as f:
            wnids = [line.strip() for line in f if line.strip()]
        self.samples = []
        for label, wnid in enumerate(wnids):
            folder = os.path.join(root, "train", wnid, "images")
            files = sorted(n for n in os.listdir(folder) if n.lower().endswith((".jpeg", ".jpg")))
            if max_per_class:
                files = files[:max_per_class]
            self.samples += [(os.path.join(folder, n), label) for n in files]
        self.classes = len(wnids)
        self.side = side
        self.hider = None
        self.epoch = 0  # set before each pass; workers get a fresh copy of the dataset every epoch

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, index):
        path, label = self.samples[index]
        with Image.open(path) as image:
            image = image.convert("RGB")  # grayscale JPEGs become three equal channels, as in ML.NET
            if image.size != (self.side, self.side):
                image = image.resize((self.side, self.side), Image.BILINEAR)
            pixels = np.asarray(image, dtype=np.float32).transpose(2, 0, 1).copy()  # planar C x H x W
        if self.hider is not None:
            self.hider(pixels, self.epoch, index)
        return torch.from_numpy(pixels), label


class ConvBlock(nn.Module):
    """conv -> ReLU -> BatchNorm (eps 1e-3, momentum 0.1); 'same' only for stride 1 and odd kernels (symmetric)."""

    def __init__(self, cin, cout, kernel, stride, same):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride, padding=kernel // 2 if same else 0, bias=True)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.1)

    def forward(self, x):
        return self.bn(F.relu(self.conv(x)))


def tf_same_pads(size, kernel, stride):
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class TfSameMaxPool(nn.Module):
    """TensorFlow SAME max pooling: asymmetric pads (extra after) that never win (-inf)."""

    def __init__(self, kernel, stride):
        super().__init__()
        self.kernel, self.stride = kernel, stride

    def forward(self, x):
        top, bottom = tf_same_pads(x.shape[2], self.kernel, self.stride)
        left, right = tf_same_pads(x.shape[3], self.kernel, self.stride)
        if top == bottom and left == right and top <= self.kernel // 2 and left <= self.kernel // 2:
            return F.max_pool2d(x, self.kernel, self.stride, padding=(top, left))
        x = F.pad(x, (left, right, top, bottom), value=float("-inf"))
        return F.max_pool2d(x, self.kernel, self.stride)


class SmallAlexNetGap(nn.Module):
    """The seed's SmallAlexnetGAP: conv 5x5/2 VALID 96, pool, 3x3 256, pool, 3x3 384, 384, 256, 512; GAP; FC no bias."""

    def __init__(self, classes, width=1.0):
        super().__init__()

        def c(n):
            return max(1, int(n * width + 0.5))

        self.register_buffer("mean", torch.tensor(SEED_MEAN_PIXEL).view(1, 3, 1, 1))
        self.trunk = nn.Sequential(
            ConvBlock(3, c(96), 5, 2, same=False),
            TfSameMaxPool(3, 2),
            ConvBlock(c(96), c(256), 3, 1, same=True),
            TfSameMaxPool(3, 2),
            ConvBlock(c(256), c(384), 3, 1, same=True),
            ConvBlock(c(384), c(384), 3, 1, same=True),
            ConvBlock(c(384), c(256), 3, 1, same=True),
            ConvBlock(c(256), c(512), 3, 1, same=True),
        )
        self.classifier = nn.Linear(c(512), classes, bias=False)
        for module in self.modules():
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_uniform_(module.weight)
                if module.bias is not None:
                    nn.init.zeros_(module.bias)

    def forward(self, x):
        features = self.trunk(x - self.mean)
        return self.classifier(features.mean(dim=(2, 3)))


class ResidualBlock(nn.Module):
    """Two 3x3 convs (no bias) with BatchNorm (eps 1e-5), ReLU, and an identity or 1x1 projection shortcut. A strided
    block pads its 3x3 conv (1, 1) before and 0 after, as the exported CNTK graph does."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.stride = stride
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, padding=1 if stride == 1 else 0, bias=False)
        self.bn1 = nn.BatchNorm2d(cout, eps=1e-5)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout, eps=1e-5)
        self.project = None
        if stride != 1 or cin != cout:
            self.project = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout, eps=1e-5))

    def forward(self, x):
        y = F.pad(x, (1, 0, 1, 0)) if self.stride != 1 else x
        y = F.relu(self.bn1(self.conv1(y)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.project is None else self.project(x)))


class ResNet18Gap(nn.Module):
    """ML.NET's ResNet18 (CNTK export): conv 7x7/2 64 pads (3, 2), BN, ReLU, max-pool 3x3/2 pads (1, 0); stages of 64,
    128, 256 and 512 channels with 2, 2, 2 and 3 basic blocks; GAP; a new classifier without bias. The 64 px input is
    resized bilinearly inside, turned to BGR and a mean image is subtracted, as HideAndSeek.NET's ResNet18 does."""

    def __init__(self, classes, side=224):
        super().__init__()
        self.side = side
        self.register_buffer("mean_image", torch.full((1, 3, side, side), 114.0))
        self.stem = nn.Sequential(nn.Conv2d(3, 64, 7, 2, bias=False), nn.BatchNorm2d(64, eps=1e-5), nn.ReLU())
        layers, cin = [], 64
        for cout, blocks, stride in ((64, 2, 1), (128, 2, 2), (256, 2, 2), (512, 3, 2)):
            for i in range(blocks):
                layers.append(ResidualBlock(cin, cout, stride if i == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*layers)
        self.classifier = nn.Linear(512, classes, bias=False)

    def forward(self, x):
        x = F.interpolate(x, size=(self.side, self.side), mode="bilinear", align_corners=False)
        x = x.flip(1) - self.mean_image  # RGB -> BGR, minus the mean image
        x = self.stem(F.pad(x, (3, 2, 3, 2)))
        x = F.max_pool2d(F.pad(x, (1, 0, 1, 0), value=float("-inf")), 3, 2)
        features = self.blocks(x)
        return self.classifier(features.mean(dim=(2, 3)))


def mean_pixel(dataset, workers):
    loader = torch.utils.data.DataLoader(dataset, batch_size=256, num_workers=workers)
    total, count = torch.zeros(3, dtype=torch.float64), 0
    for x, _ in loader:
        total += x.double().mean(dim=(2, 3)).sum(dim=0)
        count += x.shape[0]
    return (total / count).tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="Tiny ImageNet layout root")
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2, help="torch intra-op threads")
    parser.add_argument("--workers", type=int, default=2, help="DataLoader worker processes")
    parser.add_argument("--warmup-epochs", type=int, default=1)
    parser.add_argument("--max-per-class", type=int, default=None, help="subset for smoke runs")
    parser.add_argument("--width", type=float, default=1.0, help="channel multiplier (1 = the seed's network)")
    parser.add_argument("--patch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--network", choices=("smallalexnet", "resnet18"), default="smallalexnet")
    parser.add_argument("--input-size", type=int, default=224, help="resnet18: the side the 64 px images are resized to")
    parser.add_argument("--bf16", action="store_true", help="forward and loss under torch.autocast('cpu', torch.bfloat16)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    dataset = TinyImageNetTrain(args.data, args.max_per_class)
    started = time.perf_counter()
    fill = mean_pixel(dataset, args.workers)  # what HidePatches computes in Fit; not timed as an epoch
    log(f"{len(dataset)} images, {dataset.classes} classes, mean pixel {[round(v, 2) for v in fill]} "
        f"({time.perf_counter() - started:.1f} s); torch {torch.__version__}, {torch.get_num_threads()} threads, "
        f"{args.workers} workers")
    dataset.hider = GridHider(args.patch, 0.5, fill, args.seed)

    if args.network == "resnet18":
        model = ResNet18Gap(dataset.classes, args.input_size)
        head = list(model.classifier.parameters())
        backbone = [p for n, p in model.named_parameters() if not n.startswith("classifier.")]
        # As GapClassifierTrainer for ResNet18: L2 1e-4 on weights, backbone at 0.1 x the rate, the classifier at 0.01.
        groups = [{"params": [p for p in backbone if p.dim() > 1], "lr": 0.001, "weight_decay": 1e-4},
                  {"params": [p for p in backbone if p.dim() <= 1], "lr": 0.001, "weight_decay": 0.0},
                  {"params": head, "lr": 0.01, "weight_decay": 1e-4}]
    else:
        model = SmallAlexNetGap(dataset.classes, args.width)
        weights = [p for p in model.parameters() if p.dim() > 1]
        others = [p for p in model.parameters() if p.dim() <= 1]
        # As GapClassifierTrainer: L2 0.001 on weights only, lr 0.01, momentum 0.9.
        groups = [{"params": weights, "weight_decay": 1e-3}, {"params": others, "weight_decay": 0.0}]
    model.train()
    optimizer = torch.optim.SGD(groups, lr=0.01, momentum=0.9)
    generator = torch.Generator()
    generator.manual_seed(args.seed)
    loader = torch.utils.data.DataLoader(dataset, batch_size=args.batch_size, shuffle=True,
                                         num_workers=args.workers, generator=generator)

    result = {}
    for epoch in range(args.warmup_epochs + 1):
        dataset.epoch = epoch
        loss_sum, correct, images = 0.0, 0, 0
        cycles = []  # seconds per iteration, waiting for the batch included (as the .NET side measures it)
        started = last = time.perf_counter()
        cpu_started = time.process_time()  # this process only (not the workers)
        for x, y in loader:
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(x)
                loss = F.cross_entropy(logits, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * y.shape[0]
            correct += (logits.argmax(1) == y).sum().item()
            images += y.shape[0]
            now = time.perf_counter()
            cycles.append(now - last)
            last = now
        seconds = time.perf_counter() - started
        cores_used = (time.process_time() - cpu_started) / seconds
        # The first iteration also waits for the workers to start and the last one is a partial batch; the .NET side
        # leaves the same two out.
        steady = np.array(cycles[1:-1] if len(cycles) > 2 else cycles)
        timed = epoch == args.warmup_epochs
        log(f"epoch {epoch + 1}{' (timed)' if timed else ' (warm-up)'}: loss {loss_sum / images:.4f} "
            f"acc {correct / images:.1%} | {images / seconds:.1f} img/s | {seconds:.1f} s")
        result = {"images_per_second": images / seconds, "epoch_seconds": seconds, "images": images,
                  "step_seconds_median": float(np.median(steady)), "step_seconds_p10": float(np.percentile(steady, 10)),
                  "steps": len(cycles), "main_process_cores_used": cores_used, "batch_size": args.batch_size, "threads": torch.get_num_threads(),
                  "workers": args.workers, "torch": torch.__version__, "network": args.network,
                  "precision": "bf16" if args.bf16 else "fp32"}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
