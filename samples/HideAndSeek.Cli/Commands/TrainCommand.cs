using HideAndSeek.Cli.Workflow;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>train: the seed's src/train.py, with checkpoints and resume.</summary>
internal static class TrainCommand
{
    // Long because: one flat list, one declaration per option and one line mapping each into TrainSettings; the
    // action reads the options through these locals, so splitting it would only pass thirty of them around.
    public static Command Create(Func<CancellationToken> cancellation)
    {
        var dataset = CliOptions.Dataset();
        var method = new Option<string>("--method") { Description = "Network: " + string.Join(", ", SeedMethods.SeedNames) + ".", DefaultValueFactory = _ => "SmallAlexnetGAP" };
        var trainDir = new Option<string>("--train-dir") { Description = "Folder for checkpoints, log, history and model.zip; a folder with checkpoints resumes.", Required = true };
        var maxEpoch = new Option<int?>("--max-epoch") { Description = $"Epochs (default {TrainSettings.DefaultEpochs}; {TrainSettings.DefaultResNetEpochs} for ResNet18)." };
        var batchSize = new Option<int?>("--batch-size") { Description = $"Images per step (default {TrainSettings.DefaultBatchSize}; {TrainSettings.DefaultResNetBatchSize} for ResNet18)." };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate of the first epoch.", DefaultValueFactory = _ => 0.01 };
        var minLearningRate = new Option<double>("--min-learning-rate") { Description = "Learning rate of the last epoch (linear decay).", DefaultValueFactory = _ => 0.0001 };
        var doHide = new Option<int[]>("--do-hide") { Description = "Hide-and-Seek as in the seed: number of patches per image (several values: one drawn per image; 0 = no hiding).", AllowMultipleArgumentsPerToken = true };
        var hideSize = new Option<int[]>("--hide-size") { Description = "Hide-and-Seek by patch side in pixels instead (e.g. 0 8 16 for a mix).", AllowMultipleArgumentsPerToken = true };
        var hideProbability = new Option<double>("--hide-probability") { Description = "Probability of hiding each patch.", DefaultValueFactory = _ => 0.5 };
        var withoutResize = new Option<bool>("--without-resize") { Description = "AlexNet family: feed 64 px images without resizing to 227." };
        var inputSize = new Option<int?>("--input-size") { Description = "ResNet18: side the images are resized to inside the network (default 224; a multiple of 32, or 16 with --high-res-cam)." };
        var imageSize = new Option<int?>("--image-size") { Description = "Side photos are resized to before the network (default 64; 224 for ResNet18)." };
        var resize = CliOptions.Resize();
        var highResCam = new Option<bool>("--high-res-cam") { Description = "ResNet18: last stage at stride 1, CAM 14x14 instead of 7x7 at 224." };
        var backboneLr = new Option<double?>("--backbone-lr-multiplier") { Description = "Learning rate of the layers before the classifier relative to it (default 0.1 for ResNet18, 1 otherwise)." };
        var freezeBn = new Option<bool>("--freeze-bn") { Description = "Keep BatchNorm layers in evaluation mode (running statistics used, not updated)." };
        var freezeBackbone = new Option<bool?>("--freeze-backbone")
        {
            Description = "Train the classifier only: ImageNet features and a linear classifier (the default for ResNet18, whose CAM localises best so; '--freeze-backbone false' fine-tunes it).",
        };
        var augmentation = new Option<int>("--do-augmentation") { Description = "The seed's augmentation 1 or 2 (0 = none).", DefaultValueFactory = _ => 0 };
        augmentation.Validators.Add(result =>
        {
            int value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 2)
                result.AddError($"--do-augmentation must be 0, 1 or 2, got {value}");
        });
        var validationCapacity = new Option<int>("--validation-capacity") { Description = "Validation images evaluated after each epoch (0 = none).", DefaultValueFactory = _ => 1000 };
        var logInterval = new Option<int>("--log-interval") { Description = "Log every N steps (0 = per epoch).", DefaultValueFactory = _ => 0 };
        var width = new Option<double>("--width-multiplier") { Description = "Scale every layer's channels (1 = the seed's network).", DefaultValueFactory = _ => 1.0 };
        var perClass = new Option<int?>("--max-images-per-class") { Description = "Use at most this many training images per class." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads for TorchSharp." };
        var classes = CliOptions.Classes();
        var skipBad = CliOptions.SkipBadImages();
        var checkpointMinutes = new Option<double>("--checkpoint-minutes")
        {
            Description = "Also checkpoint inside an epoch every this many minutes (0: only at epoch ends); Ctrl+C and SIGTERM always save the current step.",
            DefaultValueFactory = _ => 10,
        };
        var seed = CliOptions.Seed();
        var device = CliOptions.Device();
        var precision = CliOptions.Precision();
        var command = new Command("train", "Train a GAP network (optionally with Hide-and-Seek) and save model.zip in the train dir.")
        {
            dataset, method, trainDir, maxEpoch, batchSize, learningRate, minLearningRate, doHide, hideSize, hideProbability,
            withoutResize, inputSize, imageSize, resize, highResCam, backboneLr, freezeBn, freezeBackbone, augmentation, validationCapacity,
            logInterval, checkpointMinutes, width, perClass, threads, classes, skipBad, seed, device, precision,
        };
        command.SetAction(parse =>
        {
            var architecture = SeedMethods.Parse(parse.GetValue(method)!);
            bool resnet = architecture == HideAndSeek.Networks.GapArchitecture.ResNet18;
            var settings = new TrainSettings
            {
                Dataset = parse.GetValue(dataset)!,
                TrainDir = parse.GetValue(trainDir)!,
                Architecture = architecture,
                MaxEpochs = parse.GetValue(maxEpoch) ?? (resnet ? TrainSettings.DefaultResNetEpochs : TrainSettings.DefaultEpochs),
                BatchSize = parse.GetValue(batchSize) ?? (resnet ? TrainSettings.DefaultResNetBatchSize : TrainSettings.DefaultBatchSize),
                LearningRate = parse.GetValue(learningRate),
                MinLearningRate = parse.GetValue(minLearningRate),
                DoHide = parse.GetValue(doHide) ?? Array.Empty<int>(),
                HideSizes = parse.GetValue(hideSize) ?? Array.Empty<int>(),
                HideProbability = parse.GetValue(hideProbability),
                WithoutResize = parse.GetValue(withoutResize),
                InputSize = parse.GetValue(inputSize),
                ImageSize = parse.GetValue(imageSize),
                Resize = CliOptions.ParseResize(parse.GetValue(resize)),
                HighResolutionCam = parse.GetValue(highResCam),
                BackboneLearningRateMultiplier = parse.GetValue(backboneLr),
                FreezeBatchNorm = parse.GetValue(freezeBn),
                FreezeBackbone = parse.GetValue(freezeBackbone) ?? resnet,
                Augmentation = parse.GetValue(augmentation),
                ValidationCapacity = parse.GetValue(validationCapacity),
                LogInterval = parse.GetValue(logInterval),
                WidthMultiplier = parse.GetValue(width),
                MaxImagesPerClass = parse.GetValue(perClass),
                Threads = parse.GetValue(threads),
                Classes = parse.GetValue(classes) is { Length: > 0 } c ? c : null,
                SkipBadImages = parse.GetValue(skipBad),
                CheckpointMinutes = parse.GetValue(checkpointMinutes),
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device),
                Precision = CliOptions.ParsePrecision(parse.GetValue(precision)),
            };
            if (settings.ImageSize is < 8 or > 2048)
                throw new UserError("--image-size must be between 8 and 2048 pixels");
            if (settings.DoHide.Count > 0 && settings.HideSizes.Count > 0)
                throw new UserError("give either --do-hide (patch counts) or --hide-size (patch sides), not both");
            var zip = TrainingRun.Run(settings, ConsoleReport.Epoch, ConsoleReport.Info, cancellation());
            Console.WriteLine($"model: {zip}");
            Console.WriteLine($"next: test {settings.Dataset} --checkpoint {settings.TrainDir}");
            return 0;
        });
        return command;
    }
}
