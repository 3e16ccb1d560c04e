using HideAndSeek.Boxes;
using HideAndSeek.GapClassifier;
using HideAndSeek.ModelFormat;
using HideAndSeek.Ranking;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// Turns one image's classifier outputs into heatmaps and a box, in C# (the classifier's forward pass is reused; only
/// the multi-crop test runs the network again), into the packed layout <see cref="CamLocalizerOutputs"/> declares:
/// [heatmap (H*W) | box (4) | ground-truth heatmap (H*W, optional) | top-k heatmaps (k*H*W, optional) | multi-crop
/// scores (K, optional)]. Shared by the in-process transformer and the custom mapping of a loaded zip.
/// </summary>
internal sealed class CamLocalizerRuntime : ModelRuntime
{
    internal const string PayloadKind = "CamLocalizer";
    internal const int PayloadVersion = 1;

    /// <summary>Contract names of the zip's custom mapping: "HideAndSeek.CamLocalizer.v1.T{size}".</summary>
    internal const string MappingFamily = "HideAndSeek.CamLocalizer.v1";

    private GapClassifierRuntime? _classifier;

    /// <param name="description">What the localiser computes.</param>
    /// <param name="options">The options it was fitted with (which optional columns it writes).</param>
    /// <param name="weights">The classifier weights [K, C].</param>
    /// <param name="modelId">The localiser's model id.</param>
    /// <param name="classifier">The classifier the multi-crop test runs (fitted in this process); null for a loaded zip,
    /// where it is found by <see cref="LocalizerDescription.ClassifierModelId"/>.</param>
    public CamLocalizerRuntime(LocalizerDescription description, CamLocalizerOptions options, float[] weights, string modelId,
        GapClassifierRuntime? classifier = null)
        : base(modelId)
    {
        Description = description;
        Weights = weights;
        _classifier = classifier;
        if (weights.Length != description.ClassNames.Length * description.Channels)
            throw new ArgumentException("Classifier weights do not match the class count and channels.", nameof(weights));
        Packing = CamLocalizerOutputs.Columns.Pack(description, options);
    }

    public LocalizerDescription Description { get; }

    public float[] Weights { get; }

    public override string Kind => "CamLocalizer";

    public int NumClasses => Description.ClassNames.Length;

    public int Plane => Description.ImageHeight * Description.ImageWidth;

    public int FeatureLength => Description.Channels * Description.FeatureHeight * Description.FeatureWidth;

    /// <summary>Where each packed column sits (<see cref="CamLocalizerOutputs"/>).</summary>
    public PackedLayout Packing { get; }

    /// <summary>Whether the label column is read: for the ground-truth heatmap or the ground-truth class selection.</summary>
    public bool UsesLabel => Description.GroundTruthHeatmap || Description.ClassSelection == CamClassSelection.GroundTruth;

    /// <summary>
    /// Fills <paramref name="packed"/> for one image and returns the heatmap's class and the predicted class (indices;
    /// the class keys' text slots 0 and 1).
    /// </summary>
    /// <param name="features">F from the classifier (C x h x w).</param>
    /// <param name="scores">The classifier's probabilities (K).</param>
    /// <param name="labelKey">The label key (1-based; 0 = missing).</param>
    /// <param name="pixels">The image (only read by the multi-crop test).</param>
    /// <param name="packed">The packed output.</param>
    public (int CamClass, int Predicted) Map(ReadOnlySpan<float> features, ReadOnlySpan<float> scores, uint labelKey,
        float[] pixels, Span<float> packed)
    {
        var d = Description;
        if (features.Length != FeatureLength)
            throw new InvalidOperationException($"CamLocalizer: the feature map holds {features.Length} values, expected {d.Channels} x {d.FeatureHeight} x {d.FeatureWidth}.");
        if (scores.Length != NumClasses)
            throw new InvalidOperationException($"CamLocalizer: the score vector holds {scores.Length} values, expected {NumClasses}.");

        ICamSource source = d.MultiCrop ? MultiCropCam.Create(this, pixels) : new SingleViewCam(this, features);
        if (d.MultiCrop)
        {
            var averaged = Packing.Slice(packed, CamLocalizerOutputs.Score);
            ((MultiCropCam)source).AverageScores(averaged);
            scores = averaged;
        }
        int predicted = ClassRanking.ArgMax(scores);
        int truth = labelKey >= 1 && labelKey <= NumClasses ? (int)labelKey - 1 : -1;
        int camClass = d.ClassSelection == CamClassSelection.GroundTruth && truth >= 0 ? truth : predicted;

        var heatmap = Packing.Slice(packed, CamLocalizerOutputs.Heatmap);
        source.Heatmap(camClass, heatmap);
        Box(heatmap).ToFloats(Packing.Slice(packed, CamLocalizerOutputs.Box));

        if (Packing.Contains(CamLocalizerOutputs.GroundTruthHeatmap))
        {
            var gt = Packing.Slice(packed, CamLocalizerOutputs.GroundTruthHeatmap);
            if (truth < 0)
                gt.Clear(); // no label: an all-zero map, whose box is empty
            else if (truth == camClass)
                heatmap.CopyTo(gt);
            else
                source.Heatmap(truth, gt);
        }
        if (Packing.Contains(CamLocalizerOutputs.TopKHeatmaps))
        {
            Span<int> top = stackalloc int[Math.Min(d.TopK, NumClasses)];
            ClassRanking.Top(scores, top);
            var maps = Packing.Slice(packed, CamLocalizerOutputs.TopKHeatmaps);
            maps.Clear();
            for (int i = 0; i < top.Length; i++)
            {
                var map = maps.Slice(i * Plane, Plane);
                if (top[i] == camClass)
                    heatmap.CopyTo(map);
                else
                    source.Heatmap(top[i], map);
            }
        }
        return (camClass, predicted);
    }

    /// <summary>The box the options ask for, on a normalised heatmap.</summary>
    public BoundingBox Box(ReadOnlySpan<float> heatmap)
    {
        var d = Description;
        if (d.BoxMode != BoxMode.AllContours)
            return HeatmapBoxExtractor.ExtractBox(heatmap, d.ImageHeight, d.ImageWidth, d.Threshold, d.BoxMode, d.Convention);
        // Several contours: report the one holding the peak, the most confident region.
        var boxes = HeatmapBoxExtractor.ExtractBoxes(heatmap, d.ImageHeight, d.ImageWidth, d.Threshold, d.BoxMode, d.Convention);
        if (boxes.Length <= 1)
            return boxes.Length == 0 ? BoundingBox.Empty : boxes[0];
        int peak = 0;
        for (int i = 1; i < heatmap.Length; i++)
        {
            if (heatmap[i] > heatmap[peak])
                peak = i;
        }
        int py = peak / d.ImageWidth, px = peak % d.ImageWidth;
        foreach (var box in boxes)
        {
            if (px >= box.XMin && px <= box.XMax && py >= box.YMin && py <= box.YMax)
                return box;
        }
        return boxes[0];
    }

    /// <summary>The raw class activation map of <paramref name="cls"/> on a feature map with <paramref name="plane"/> positions.</summary>
    public void ClassMap(ReadOnlySpan<float> features, int plane, int cls, Span<float> cam)
    {
        int c = Description.Channels;
        var w = Weights.AsSpan(cls * c, c);
        cam.Clear();
        // M_c = sum_k w[c, k] F_k, accumulated channel by channel in a fixed order.
        for (int ch = 0; ch < c; ch++)
        {
            float weight = w[ch];
            var channel = features.Slice(ch * plane, plane);
            for (int p = 0; p < plane; p++)
                cam[p] += weight * channel[p];
        }
    }

    /// <summary>
    /// The classifier the multi-crop test runs: the one fitted with the localiser, or in a loaded zip the one its
    /// classifier step has loaded (alive while that step is).
    /// </summary>
    private GapClassifierRuntime MultiCropClassifier()
    {
        var classifier = Volatile.Read(ref _classifier);
        if (classifier is { IsReleased: false })
            return classifier;
        classifier = ModelRegistry.TryGet<GapClassifierRuntime>(Description.ClassifierModelId ?? "");
        if (classifier is null)
        {
            // Fitted with a classifier that was disposed since: say so rather than "not loaded".
            Volatile.Read(ref _classifier)?.ThrowIfReleased();
            throw new InvalidOperationException("CamLocalizer: the multi-crop test needs its classifier, which is not loaded in this process.");
        }
        Volatile.Write(ref _classifier, classifier);
        return classifier;
    }

    public ModelPayload CreatePayload() =>
        new ModelPayload(PayloadKind, PayloadVersion)
            .SetText("localizer", ModelJson.Serialize(Description))
            .SetFloats("weights", Weights);

    public static CamLocalizerRuntime Deserialize(byte[] bytes, string modelId)
    {
        var payload = ModelPayload.Parse(bytes, PayloadKind, PayloadVersion);
        var description = payload.GetJson<LocalizerDescription>("localizer");
        // The chain's payload also holds the localiser's options (CamLocalizer adds them); they say which optional
        // columns it writes.
        var options = payload.Has("options") ? payload.GetJson<CamLocalizerOptions>("options") : null;
        return new CamLocalizerRuntime(description, options ?? new CamLocalizerOptions(), payload.GetFloats("weights"), modelId);
    }

    /// <summary>Where class maps come from: one view or ten crops.</summary>
    private interface ICamSource
    {
        /// <summary>The normalised H x W heatmap of class <paramref name="cls"/>.</summary>
        void Heatmap(int cls, Span<float> heatmap);
    }

    private sealed class SingleViewCam : ICamSource
    {
        private readonly CamLocalizerRuntime _runtime;
        private readonly float[] _features;

        public SingleViewCam(CamLocalizerRuntime runtime, ReadOnlySpan<float> features)
        {
            _runtime = runtime;
            _features = features.ToArray();
        }

        public void Heatmap(int cls, Span<float> heatmap)
        {
            var d = _runtime.Description;
            int plane = d.FeatureHeight * d.FeatureWidth;
            Span<float> cam = plane <= 4096 ? stackalloc float[plane] : new float[plane];
            _runtime.ClassMap(_features, plane, cls, cam);
            // Resize the raw map, then normalise, so the heatmap's maximum is exactly 1 (wsolevaluation's order).
            HeatmapPreparation.Upsample(cam, d.FeatureHeight, d.FeatureWidth, heatmap, d.ImageHeight, d.ImageWidth, d.Upsampling);
            HeatmapPreparation.Normalize(heatmap);
        }
    }

    /// <summary>The seed's ten-crop test: corners and centre at a fraction of the side, and their mirror images.</summary>
    private sealed class MultiCropCam : ICamSource
    {
        private const int Crops = 10;
        private readonly CamLocalizerRuntime _runtime;
        private readonly GapClassifierRuntime _classifier;
        private readonly int _cropHeight;
        private readonly int _cropWidth;
        private readonly int _featureHeight;
        private readonly int _featureWidth;
        private readonly (int Top, int Left, bool Mirrored)[] _placements;
        private readonly float[] _features;

        private MultiCropCam(CamLocalizerRuntime runtime, GapClassifierRuntime classifier, float[] pixels)
        {
            _runtime = runtime;
            _classifier = classifier;
            var d = runtime.Description;
            int height = d.ImageHeight, width = d.ImageWidth;
            _cropHeight = Math.Max(1, (int)Math.Round(height * d.CropFraction));
            _cropWidth = Math.Max(1, (int)Math.Round(width * d.CropFraction));
            (_featureHeight, _featureWidth) = classifier.FeatureMapSize(_cropHeight, _cropWidth);
            int bottom = height - _cropHeight, right = width - _cropWidth;
            var corners = new[] { (0, 0), (0, right), (bottom, 0), (bottom, right), (bottom / 2, right / 2) };
            _placements = corners.Select(c => (c.Item1, c.Item2, false)).Concat(corners.Select(c => (c.Item1, c.Item2, true))).ToArray();

            int cropLength = 3 * _cropHeight * _cropWidth;
            var batch = new float[Crops * cropLength];
            for (int i = 0; i < Crops; i++)
                CopyCrop(pixels, height, width, _placements[i], batch.AsSpan(i * cropLength, cropLength));
            _features = new float[Crops * classifier.FeatureChannels * _featureHeight * _featureWidth];
            classifier.ComputeFeatures(batch, Crops, _cropHeight, _cropWidth, _features);
        }

        public static MultiCropCam Create(CamLocalizerRuntime runtime, float[] pixels)
        {
            var d = runtime.Description;
            var classifier = runtime.MultiCropClassifier();
            if (pixels.Length != 3 * d.ImageHeight * d.ImageWidth)
                throw new InvalidOperationException($"CamLocalizer: the multi-crop test needs 3 x {d.ImageHeight} x {d.ImageWidth} pixels, got {pixels.Length} values.");
            return new MultiCropCam(runtime, classifier, pixels);
        }

        private int FeatureLength => _classifier.FeatureChannels * _featureHeight * _featureWidth;

        public void AverageScores(Span<float> scores)
        {
            int k = _runtime.NumClasses;
            Span<float> one = stackalloc float[k];
            Span<double> sum = stackalloc double[k];
            for (int i = 0; i < Crops; i++)
            {
                var features = _features.AsSpan(i * FeatureLength, FeatureLength);
                _classifier.Head(features, _featureHeight * _featureWidth, one);
                _classifier.EnsureFinite(ReadOnlySpan<float>.Empty, features, one, $"crop {i + 1} of the multi-crop test");
                for (int c = 0; c < k; c++)
                    sum[c] += one[c];
            }
            for (int c = 0; c < k; c++)
                scores[c] = (float)(sum[c] / Crops);
        }

        public void Heatmap(int cls, Span<float> heatmap)
        {
            var d = _runtime.Description;
            int plane = _featureHeight * _featureWidth;
            var cam = new float[plane];
            var crop = new float[_cropHeight * _cropWidth];
            var coverage = new int[heatmap.Length];
            heatmap.Clear();
            for (int i = 0; i < Crops; i++)
            {
                _runtime.ClassMap(_features.AsSpan(i * FeatureLength, FeatureLength), plane, cls, cam);
                HeatmapPreparation.Upsample(cam, _featureHeight, _featureWidth, crop, _cropHeight, _cropWidth, d.Upsampling);
                var (top, left, mirrored) = _placements[i];
                for (int y = 0; y < _cropHeight; y++)
                {
                    for (int x = 0; x < _cropWidth; x++)
                    {
                        // A mirrored crop's map is mirrored back before it is pasted.
                        float value = crop[y * _cropWidth + (mirrored ? _cropWidth - 1 - x : x)];
                        int target = (top + y) * d.ImageWidth + left + x;
                        heatmap[target] += value;
                        coverage[target]++;
                    }
                }
            }
            for (int p = 0; p < heatmap.Length; p++)
                heatmap[p] = coverage[p] == 0 ? float.NaN : heatmap[p] / coverage[p];
            // Pixels no crop covers (none for fractions >= 0.5) become the minimum through Normalize's NaN rule.
            HeatmapPreparation.Normalize(heatmap);
        }

        /// <summary>Copies one (possibly mirrored) crop of a planar image into <paramref name="crop"/>.</summary>
        private void CopyCrop(float[] pixels, int height, int width, (int Top, int Left, bool Mirrored) placement, Span<float> crop)
        {
            int plane = height * width, cropPlane = _cropHeight * _cropWidth;
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < _cropHeight; y++)
                {
                    var source = pixels.AsSpan(c * plane + (placement.Top + y) * width + placement.Left, _cropWidth);
                    var target = crop.Slice(c * cropPlane + y * _cropWidth, _cropWidth);
                    source.CopyTo(target);
                    if (placement.Mirrored)
                        target.Reverse();
                }
            }
        }
    }
}

/// <summary>Everything the localiser needs besides the classifier weights; stored in the model zip as JSON.</summary>
internal sealed record LocalizerDescription(
    string[] ClassNames,
    int Channels,
    int FeatureHeight,
    int FeatureWidth,
    int ImageHeight,
    int ImageWidth,
    float Threshold,
    BoxMode BoxMode,
    LocalizationConvention Convention,
    UpsamplingMode Upsampling,
    CamClassSelection ClassSelection,
    int TopK,
    bool GroundTruthHeatmap,
    bool MultiCrop,
    double CropFraction,
    string? ClassifierModelId);
