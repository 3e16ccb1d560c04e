using HideAndSeek.Networks;
using HideAndSeek.Torch;
using Microsoft.ML;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Options of <see cref="GapClassifierTrainer"/>. Defaults follow the seed project (momentum SGD 0.9, learning rate
/// 0.01 decaying linearly to 0.0001, L2 0.001 on weights, batch 128) except where noted.
/// </summary>
public sealed class GapClassifierOptions
{
    /// <summary>The network. Default <see cref="GapArchitecture.SmallAlexNetGap"/> (64 px input).</summary>
    public GapArchitecture Architecture { get; set; } = GapArchitecture.SmallAlexNetGap;

    /// <summary>AlexNet family: feed the 64 px image directly instead of resizing to 227 (the seed's --without_resize). Default false.</summary>
    public bool WithoutResize { get; set; }

    /// <summary>Scales every layer's channel count; 1 is the seed's network, smaller is faster (tests, demos). Default 1.</summary>
    public double WidthMultiplier { get; set; } = 1.0;

    /// <summary>
    /// The pixel column: C x H x W floats 0..255 from ExtractPixels (or HidePatches). Default "Pixels". ML.NET calls a
    /// trainer's input its features; here they are pixels, not the CAM feature map (<see cref="FeatureMapColumnName"/>).
    /// </summary>
    public string FeatureColumnName { get; set; } = "Pixels";

    /// <summary>The label column; must be a key (use MapValueToKey). Default "Label".</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>Output: softmax probabilities per class. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Output: the top-1 class as a key with the label's key values. Default "PredictedLabel".</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>
    /// Output: the CAM feature map F (C x h x w floats, channel-major) that <c>LocalizeWithCam</c> turns into heatmaps.
    /// Computed only when a consumer reads it. Default "CamFeatures".
    /// </summary>
    public string FeatureMapColumnName { get; set; } = "CamFeatures";

    /// <summary>Passes over the training data. Default 30 (the seed trained up to 200).</summary>
    public int MaxEpochs { get; set; } = 30;

    /// <summary>Images per optimiser step. Default 128.</summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>Learning rate of the first epoch. Default 0.01.</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Learning rate of the last epoch. Default 0.0001.</summary>
    public double MinLearningRate { get; set; } = 0.0001;

    /// <summary>Decay from <see cref="LearningRate"/> to <see cref="MinLearningRate"/>. Default linear, per epoch.</summary>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Linear;

    /// <summary>SGD momentum. Default 0.9.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>
    /// L2 penalty on the weights the seed regularises: convolution and classifier weights (never biases or BatchNorm),
    /// for CustomNetGap the classifier's weights only. Null (default) uses the seed's value for the architecture:
    /// 0.001, none for GoogLeNetGap; and 0.0001 for the ImageNet-trained ResNet18 (the usual value for fine-tuning it;
    /// 0.001 pulls its weights away from ImageNet's).
    /// </summary>
    public double? WeightDecay { get; set; }

    /// <summary>
    /// ResNet18 only: the side the network resizes the images to before its first layer. Null (default) is 224, the
    /// size its ImageNet weights were trained at; smaller sides (a multiple of 32, or of 16 with
    /// <see cref="HighResolutionCam"/>, e.g. 160 or 128) are faster and give a coarser feature map.
    /// </summary>
    public int? ResizedImageSize { get; set; }

    /// <summary>
    /// ResNet18 only: run the last stage at stride 1 (as wsolevaluation does for ResNet CAMs), so the CAM feature map
    /// is 14x14 instead of 7x7 at 224. That stage then costs four times as much, which about doubles the network's
    /// arithmetic (about 4 instead of 2 billion multiply-adds per 224 px image). Default false.
    /// </summary>
    public bool HighResolutionCam { get; set; }

    /// <summary>
    /// The learning rate of every layer before the classifier, as a multiple of the schedule's rate; the classifier,
    /// which starts from zero knowledge, always trains at the full rate. Null (default): 0.1 for ResNet18, whose
    /// layers start from ImageNet weights, and 1 for the networks trained from scratch.
    /// </summary>
    public double? BackboneLearningRateMultiplier { get; set; }

    /// <summary>
    /// Keep every BatchNorm layer in evaluation mode while training: normalise with the running statistics (ImageNet's
    /// for ResNet18) and never update them; their scale and shift still train. Helps with small batches. Default false.
    /// </summary>
    public bool FreezeBatchNorm { get; set; }

    /// <summary>
    /// Train the classifier only: the layers before it keep their weights and BatchNorm statistics (for ResNet18, the
    /// ImageNet features as imported; a linear-probe baseline). Default false.
    /// </summary>
    public bool FreezeBackbone { get; set; }

    /// <summary>
    /// ResNet18: the folder holding ML.NET's <c>ResNet18Onnx/ResNet18.onnx</c> and <c>ResNetPrepOnnx/ResNetPreprocess.onnx</c>.
    /// Null (default): <c>DnnImageModels</c> beside the application, where a reference to the NuGet package
    /// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> puts them at build time (as ML.NET's own DnnFeaturizeImage expects).
    /// The weights are imported once, when training starts; a trained model's zip carries them.
    /// </summary>
    public string? PretrainedModelDirectory { get; set; }

    /// <summary>Label smoothing of the cross-entropy. Default 0 (off).</summary>
    public double LabelSmoothing { get; set; }

    /// <summary>
    /// A TorchSharp state file (from <see cref="GapClassifierModel.ExportWeights"/> or <c>Module.save</c> of the
    /// same architecture, width and class count) to start from instead of random weights. Default null.
    /// </summary>
    public string? InitialWeights { get; set; }

    /// <summary>
    /// Mean pixel (R, G, B) the network subtracts. Default null: the seed's [122.46, 114.26, 101.36]. ResNet18 ignores it
    /// and subtracts the ImageNet mean image its weights were trained with.
    /// </summary>
    public IReadOnlyList<float>? MeanPixel { get; set; }

    /// <summary>
    /// Data to report loss and accuracy on after every epoch, with the same columns as the training data (transform it
    /// with the same preprocessing). Default null.
    /// </summary>
    public IDataView? ValidationSet { get; set; }

    /// <summary>
    /// Stop when validation accuracy has not improved for this many epochs and keep the best epoch's weights.
    /// Needs <see cref="ValidationSet"/>. Default null (train all epochs).
    /// </summary>
    public int? EarlyStoppingPatience { get; set; }

    /// <summary>
    /// Folder for a checkpoint after every epoch (weights, optimiser state, history). A run started with a folder that
    /// holds checkpoints of the same configuration resumes after the newest one. Default null (no checkpoints).
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Also write a checkpoint in the middle of an epoch when this much time has passed since the last one, and when
    /// the run is cancelled; a resumed run then continues from that step, exactly as the uninterrupted run would have
    /// (same batches, masks, dropout and optimiser state). Needs <see cref="CheckpointDirectory"/>. Default 10 minutes;
    /// null writes checkpoints only at epoch ends and on cancellation.
    /// </summary>
    public TimeSpan? CheckpointInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many of the newest checkpoints to keep. Default 3.</summary>
    public int KeepCheckpoints { get; set; } = 3;

    /// <summary>Resume from <see cref="CheckpointDirectory"/> when it holds a checkpoint. Default true.</summary>
    public bool Resume { get; set; } = true;

    /// <summary>Seed of weight initialisation, shuffling and dropout; runs on the CPU are repeatable. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Where to compute. Default Auto (CUDA when available).</summary>
    public TorchDevice Device { get; set; } = TorchDevice.Auto;

    /// <summary>
    /// The convolutions' arithmetic while training: <see cref="TrainingPrecision.Float32"/> (default) or
    /// <see cref="TrainingPrecision.BFloat16"/> mixed precision (float32 weights, bfloat16 convolutions; needs a CPU with
    /// AVX512-BF16 or AMX, or a CUDA device, else Fit refuses it). The trained model scores in float32 either way.
    /// </summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

    /// <summary>CPU threads for TorchSharp; null (default) keeps TorchSharp's choice (all cores).</summary>
    public int? Threads { get; set; }

    /// <summary>Batches prepared ahead on the loading thread while the network computes. Default 2.</summary>
    public int PrefetchBatches { get; set; } = 2;

    /// <summary>Images per forward pass when the fitted model scores data. Default 64.</summary>
    public int ScoringBatchSize { get; set; } = 64;

    /// <summary>Write a progress line every this many steps (0: only per epoch). Default 0.</summary>
    public int LogInterval { get; set; }

    /// <summary>Called after every optimiser step with the epoch's progress (on the training thread; keep it quick).</summary>
    public Action<TrainingProgress>? StepCompleted { get; set; }

    /// <summary>Called after every epoch with its metrics (on the training thread).</summary>
    public Action<EpochReport>? EpochCompleted { get; set; }

    /// <summary>
    /// The MLContext whose <c>Log</c> event receives progress messages, as ML.NET's own trainers report. ML.NET does not
    /// expose the context to third-party catalog extensions, so it is passed here. Default null.
    /// </summary>
    public MLContext? Context { get; set; }

    /// <summary>
    /// Stops training between steps with a <see cref="TrainingInterruptedException"/>, after writing a checkpoint of
    /// that step when <see cref="CheckpointDirectory"/> is set. Default none.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    internal GapClassifierOptions Clone() => (GapClassifierOptions)MemberwiseClone();
}
