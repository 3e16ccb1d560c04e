using HideAndSeek.ModelFormat;
using HideAndSeek.PixelColumns;
using HideAndSeek.TrainingOnly;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Hiding;

/// <summary>
/// The fitted Hide-and-Seek step. It hides patches only while a trainer reads its output in a training epoch (or when
/// asked explicitly with <see cref="TrainingOnlyPixelTransformer.TransformForTraining"/>); scoring, PredictionEngines
/// and models loaded from a zip never hide. Saved into ordinary ML.NET zips with its options and fitted fill value.
/// </summary>
public sealed class ImageHidingTransformer : TrainingOnlyPixelTransformer
{
    internal const string PayloadKind = "ImageHiding";
    internal const int PayloadVersion = 1;

    private readonly HidePatchesOptions _options;
    private readonly PatchHider _hider;

    internal ImageHidingTransformer(HidePatchesOptions options, PixelColumnShape shape, int[] patchSizes, float[] fill, int seed, IDataView trainingInput)
        : this(options, shape, patchSizes, fill, seed, Guid.NewGuid().ToString("N"), scoring: null, trainingInput.Schema)
    {
    }

    private ImageHidingTransformer(HidePatchesOptions options, PixelColumnShape shape, int[] patchSizes, float[] fill, int seed,
        string modelId, TransformerChain<ITransformer>? scoring, DataViewSchema? trainingSchema)
        : base(ImageHidingEstimator.ComponentName, options, shape, modelId, scoring, trainingSchema)
    {
        _options = options.Clone();
        PatchSizes = patchSizes;
        FillValue = fill;
        Seed = seed;
        _hider = new PatchHider(shape.Channels, shape.Height, shape.Width, patchSizes, options.HideProbability, fill, seed);
    }

    /// <summary>Rebuilds the transformer from the payload of a loaded zip; its scoring chain is the loaded one.</summary>
    internal static ImageHidingTransformer Restore(ModelPayload payload, TransformerChain<ITransformer> scoring)
    {
        var record = payload.GetJson<HidingRecord>("options");
        var options = new HidePatchesOptions
        {
            OutputColumnName = record.OutputColumnName,
            InputColumnName = record.InputColumnName,
            PatchSizes = record.PatchSizes,
            PatchCounts = record.PatchCounts,
            HideProbability = record.HideProbability,
            Fill = record.Fill,
            FillValue = record.Fill == PixelFill.Constant ? record.FillValue : null,
            Seed = record.Seed,
            Channels = record.Channels,
            ImageSize = record.KnownSize ? null : (record.Height, record.Width),
        };
        var shape = new PixelColumnShape(record.Channels, record.Height, record.Width, record.KnownSize);
        return new ImageHidingTransformer(options, shape, record.PatchSizes, record.FillValue, record.Seed, modelId: "", scoring, trainingSchema: null);
    }

    /// <summary>The options the estimator was created with.</summary>
    public HidePatchesOptions Options => _options.Clone();

    /// <summary>Patch sides in pixels that are drawn from (0 = no hiding), after resolving patch counts.</summary>
    public IReadOnlyList<int> PatchSizes { get; }

    /// <summary>The value each channel of a hidden pixel receives (the fitted mean pixel by default).</summary>
    public IReadOnlyList<float> FillValue { get; }

    /// <summary>The seed of the masks.</summary>
    public int Seed { get; }

    private protected override ITrainingPixelOperation Operation => _hider;

    private protected override ModelPayload CreatePayload()
    {
        var record = new HidingRecord(_options.OutputColumnName, _options.InputColumnName, PatchSizes.ToArray(),
            _options.PatchCounts?.ToArray(), _options.HideProbability, _options.Fill, FillValue.ToArray(), Seed,
            Shape.Channels, Shape.Height, Shape.Width, Shape.KnownSize);
        return new ModelPayload(PayloadKind, PayloadVersion).SetText("options", ModelJson.Serialize(record));
    }

    /// <summary>What the zip stores about a hiding step (it has no effect at scoring; kept for provenance and replay).</summary>
    internal sealed record HidingRecord(string OutputColumnName, string? InputColumnName, int[] PatchSizes, int[]? PatchCounts,
        double HideProbability, PixelFill Fill, float[] FillValue, int Seed, int Channels, int Height, int Width, bool KnownSize);
}
