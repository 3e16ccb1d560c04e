using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ConsumerApp;

/// <summary>
/// Mode 1: loads a model zip written by the CLI's train command (or by mode 2) and scores images one at a time with a
/// PredictionEngine, the way a console or web app would (a web app would use ML.NET's PredictionEnginePool).
/// </summary>
internal static class Scoring
{
    public static void Run(string[] args)
    {
        if (args.Length < 2)
            throw new ArgumentException("usage: score <model.zip> <image>...");
        var ml = new MLContext(seed: 1);
        ITransformer model = ml.Model.Load(args[0], out _);
        var engine = ml.Model.CreatePredictionEngine<ImageInput, Prediction>(model);

        // The predicted class is a key; its names are the key values of the output column.
        VBuffer<ReadOnlyMemory<char>> names = default;
        engine.OutputSchema["PredictedLabel"].GetKeyValues(ref names);
        var classes = names.DenseValues().Select(n => n.ToString()).ToArray();

        foreach (string image in args[1..])
        {
            Prediction p = engine.Predict(new ImageInput { ImagePath = Path.GetFullPath(image) });
            string name = p.PredictedLabel >= 1 && p.PredictedLabel <= classes.Length ? classes[p.PredictedLabel - 1] : "?";
            float probability = p.Score.Length > 0 ? p.Score.Max() : float.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(image)}\tclass {name}\tprobability {probability:F3}\tbox {string.Join(",", p.PredictedBox.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}"));
        }
    }

    /// <summary>What the model was trained on: an image path and a label (empty when unknown).</summary>
    private sealed class ImageInput
    {
        public string ImagePath { get; set; } = "";

        public string Label { get; set; } = "";
    }

    /// <summary>The columns read back: class probabilities, the predicted class (a key) and the CAM box.</summary>
    private sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public uint PredictedLabel { get; set; }

        /// <summary>xmin, ymin, xmax, ymax in pixels of the image as the model saw it (inclusive).</summary>
        public float[] PredictedBox { get; set; } = [];
    }
}
