#!/usr/bin/env python3
"""PyTorch eager reference for HideAndSeek.Benchmarks' scoring comparison: images per second of classifier + CAM +
box on in-memory pixels, as LocalizeWithCam computes them by default: the top-1 class, its map sum_k w[c, k] F_k
upsampled bilinearly to the image, min-max normalised, and the box around every pixel above 0.2.

    /usr/bin/python3 score.py --network resnet18 --side 224 --batch 64 --images 256

The last output line is a JSON object with "images_per_second". The networks are train_epoch.py's (random weights:
the cost does not depend on them); torch.no_grad, eval mode, 2 threads.
"""
import argparse
import json
import sys
import time

MISSING_PACKAGES_EXIT_CODE = 3

try:
    import torch
    import torch.nn.functional as F
    from train_epoch import ResNet18Gap, SmallAlexNetGap
except ImportError as error:
    print(f"skipped: install python3-torch python3-torchvision python3-pil and run with /usr/bin/python3 ({error})",
          file=sys.stderr)
    sys.exit(MISSING_PACKAGES_EXIT_CODE)


def feature_map(model, x):
    """F: everything before the global pooling (the same steps as the models' forward)."""
    if isinstance(model, ResNet18Gap):
        if x.shape[-1] != model.side:
            x = F.interpolate(x, size=(model.side, model.side), mode="bilinear", align_corners=False)
        x = x.flip(1) - model.mean_image
        x = model.stem(F.pad(x, (3, 2, 3, 2)))
        x = F.max_pool2d(F.pad(x, (1, 0, 1, 0), value=float("-inf")), 3, 2)
        return model.blocks(x)
    return model.trunk(x - model.mean)


def localise(model, x, threshold=0.2):
    features = feature_map(model, x)
    probabilities = torch.softmax(model.classifier(features.mean(dim=(2, 3))), dim=1)
    top = probabilities.argmax(1)
    weights = model.classifier.weight[top]  # [B, C]
    cams = torch.einsum("bc,bchw->bhw", weights, features).unsqueeze(1)
    maps = F.interpolate(cams, size=x.shape[-2:], mode="bilinear", align_corners=False).squeeze(1)
    low = maps.amin(dim=(1, 2), keepdim=True)
    high = maps.amax(dim=(1, 2), keepdim=True)
    maps = (maps - low) / (high - low).clamp_min(1e-12)
    foreground = maps > threshold
    rows, cols = foreground.any(2), foreground.any(1)
    boxes = []
    for r, c in zip(rows, cols):
        ys, xs = torch.nonzero(r).flatten(), torch.nonzero(c).flatten()
        boxes.append((int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1])) if len(ys) and len(xs) else (0, 0, -1, -1))
    return probabilities, top, maps, boxes


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--network", choices=("smallalexnet", "resnet18"), default="smallalexnet")
    parser.add_argument("--side", type=int, default=64)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--images", type=int, default=256)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    model = ResNet18Gap(10, args.side) if args.network == "resnet18" else SmallAlexNetGap(10)
    model.eval()
    pixels = torch.rand(args.images, 3, args.side, args.side) * 255
    rates = []
    with torch.no_grad():
        localise(model, pixels[:args.batch])  # warm-up
        for _ in range(args.rounds):
            started = time.perf_counter()
            for start in range(0, args.images, args.batch):
                localise(model, pixels[start:start + args.batch])
            rates.append(args.images / (time.perf_counter() - started))
    rates.sort()
    print(json.dumps({"images_per_second": rates[len(rates) // 2], "rounds": rates, "network": args.network,
                      "side": args.side, "batch": args.batch, "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
