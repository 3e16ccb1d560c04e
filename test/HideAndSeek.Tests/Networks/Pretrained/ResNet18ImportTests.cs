using HideAndSeek.Data.TinyImageNet;
using HideAndSeek.Networks;
using HideAndSeek.Networks.Pretrained;
using HideAndSeek.Tests.TestSupport;
using HideAndSeek.Torch;
using Microsoft.ML;
using Microsoft.ML.Data;
using System.Diagnostics;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HideAndSeek.Tests.Networks.Pretrained;

/// <summary>
/// The imported ResNet18 against the package's own ONNX files run by ONNX Runtime inside ML.NET (OnnxTransformer):
/// the reference that the graph was read and mapped correctly.
/// </summary>
public class ResNet18ImportTests(ResNet18ImportTests.Imported imported, ITestOutputHelper output) : IClassFixture<ResNet18ImportTests.Imported>
{
    private const int Side = ResNet18Gap.DefaultResizedSide;

    /// <summary>One import at 224, shared: reading the 63 MB graph is the slow part.</summary>
    public sealed class Imported : IDisposable
    {
        public Imported()
        {
            Network = ResNet18();
            var clock = Stopwatch.StartNew();
            ResNet18Import.Apply(Network, null);
            Milliseconds = clock.ElapsedMilliseconds;
            Network.eval();
        }

        internal ResNet18Gap Network { get; }

        public long Milliseconds { get; }

        public void Dispose() => Network.Dispose();
    }

    [RequiresTinyImageNetFact]
    public void Pooled_features_equal_the_onnx_model_run_by_ml_net_on_real_photos()
    {
        var ml = new MLContext(1);
        var pixels = RealPhotos(ml, perClass: 2);
        int count = pixels.Length / (3 * 64 * 64);

        var network = imported.Network;
        output.WriteLine($"import: {imported.Milliseconds} ms");
        float[] ours;
        float[] upsampled;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var x = tensor(pixels, new long[] { count, 3, 64, 64 });
            ours = network.Pool(network.FeatureMap(x)).contiguous().data<float>().ToArray();
            // The reference sees the same 224 px pictures the network resizes to inside.
            upsampled = Resize.Bilinear(x, Side).contiguous().data<float>().ToArray();
        }

        var rows = Enumerable.Range(0, count)
            .Select(i => new LargeImage { Pixels = upsampled.AsSpan(i * 3 * Side * Side, 3 * Side * Side).ToArray() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var featurizer = ml.Transforms.DnnFeaturizeImage("Features",
            m => m.ModelSelector.ResNet18(ml, m.OutputColumn, m.InputColumn), nameof(LargeImage.Pixels));
        var reference = featurizer.Fit(data).Transform(data).GetColumn<float[]>("Features").ToList();

        double maxDiff = 0, maxValue = 0;
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(512, reference[i].Length);
            for (int k = 0; k < 512; k++)
            {
                maxDiff = Math.Max(maxDiff, Math.Abs(ours[i * 512 + k] - reference[i][k]));
                maxValue = Math.Max(maxValue, Math.Abs(reference[i][k]));
            }
        }
        output.WriteLine($"{count} photos: max |ours - ONNX Runtime| = {maxDiff:E3} over 512 pooled features (largest |feature| {maxValue:F3})");
        Assert.True(maxValue > 1, "the reference features look degenerate");
        Assert.True(maxDiff < 1e-3, $"max abs difference {maxDiff:E3}");
    }

    [Fact]
    public void Preprocessing_matches_ResNetPreprocess_onnx_run_by_ml_net()
    {
        var ml = new MLContext(1);
        var network = imported.Network;
        float[] ours, input;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            // Pixels already at 224: the network's resize is then skipped and both sides see the same input.
            var x = Networks.NetworkTestSupport.Pixels(2, Side, Side, seed: 9);
            input = x.contiguous().data<float>().ToArray();
            ours = network.Preprocess(x).contiguous().data<float>().ToArray();
        }
        var rows = Enumerable.Range(0, 2)
            .Select(i => new PreprocessInput { OriginalInput = input.AsSpan(i * 3 * Side * Side, 3 * Side * Side).ToArray() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var (_, preprocessFile) = DnnImageModels.LocateResNet18(null);
        var reference = ml.Transforms.ApplyOnnxModel("PreprocessedInput", "OriginalInput", preprocessFile)
            .Fit(data).Transform(data).GetColumn<float[]>("PreprocessedInput").SelectMany(v => v).ToArray();

        Assert.Equal(reference.Length, ours.Length);
        double maxDiff = reference.Zip(ours, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"max |ours - ONNX Runtime| of the preprocessed pixels: {maxDiff:E3}");
        Assert.Equal(0, maxDiff);
    }

    /// <summary>The ImageNet mean image the network subtracts after the resize, [1, 3, side, side] in BGR order.</summary>
    private static Tensor MeanImage(ResNet18Gap network) => network.named_buffers().Single(b => b.name == "mean_image").buffer;

    [Fact]
    public void The_mean_image_is_resized_bilinearly_for_other_input_sizes()
    {
        var full = imported.Network;
        using var small = ResNet18(resizedSide: 128);
        ResNet18Import.Apply(small, null);
        using var scope = NewDisposeScope();
        var expected = Resize.Bilinear(MeanImage(full), 128);
        Assert.True(Networks.NetworkTestSupport.Same(expected, MeanImage(small)));
        // BGR order: ImageNet's blue mean is the smallest, red the largest.
        var channelMeans = MeanImage(small).mean(new long[] { 0, 2, 3 }).data<float>().ToArray();
        Assert.True(channelMeans[0] < channelMeans[1] && channelMeans[1] < channelMeans[2], string.Join(", ", channelMeans));
    }

    [Fact]
    public void A_missing_model_folder_names_the_package_to_reference()
    {
        using var dir = new TempDirectory();
        using var network = ResNet18();
        var e = Assert.Throws<FileNotFoundException>(() => ResNet18Import.Apply(network, dir.Path));
        output.WriteLine(e.Message);
        Assert.Contains(DnnImageModels.ResNet18Package, e.Message);
        Assert.Contains("ResNet18.onnx", e.Message);
    }

    [Fact]
    public void A_graph_that_is_not_the_expected_network_is_rejected_with_the_node()
    {
        // The preprocessing graph is a valid ONNX file but no residual network.
        var (_, preprocessFile) = DnnImageModels.LocateResNet18(null);
        var e = Assert.Throws<InvalidDataException>(() => ResNetOnnxReader.Read(OnnxGraph.Load(preprocessFile)));
        output.WriteLine(e.Message);
        Assert.Contains("Split", e.Message);
    }

    private static ResNet18Gap ResNet18(int? resizedSide = null)
    {
        TorchRuntime.Initialize(TorchDevice.Cpu);
        return new ResNet18Gap(new GapNetworkOptions { NumClasses = 3, ResizedSide = resizedSide, InitSeed = 1 });
    }

    /// <summary>The first validation photos of every class of the shared sample, decoded to 64 px planar pixels.</summary>
    private static float[] RealPhotos(MLContext ml, int perClass)
    {
        var root = TinyImageNetLocation.Root!;
        var view = ml.Data.LoadTinyImageNet(root, TinyImageNetSplit.Validation, new TinyImageNetOptions { MaxImagesPerClass = perClass });
        var pixels = ImagePipelines.Preprocess(ml).Fit(view).Transform(view);
        return pixels.GetColumn<float[]>("Pixels").SelectMany(p => p).ToArray();
    }

    private sealed class LargeImage
    {
        [VectorType(3, Side, Side)]
        public float[] Pixels { get; set; } = Array.Empty<float>();
    }

    private sealed class PreprocessInput
    {
        [VectorType(3, Side, Side)]
        public float[] OriginalInput { get; set; } = Array.Empty<float>();
    }
}
