using HideAndSeek.DataViews;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace HideAndSeek.ModelFormat;

/// <summary>
/// Finds our surrogate chains inside a model (fitted here or loaded from a zip) and reads their payloads back, using
/// only the chains' public ML.NET transformers: the leading anchor, id and payload lookups are run on a one-row view.
/// </summary>
internal static class SurrogateReader
{
    /// <summary>A surrogate chain found in a model, with its payload.</summary>
    public sealed record Found(TransformerChain<ITransformer> Chain, string ModelId, byte[] Payload);

    /// <summary>Reads the payload when <paramref name="chain"/> is one of our surrogate chains.</summary>
    public static bool TryRead(TransformerChain<ITransformer> chain, out Found? found)
    {
        found = chain.FirstOrDefault() is CustomMappingTransformer<AnchorMapping.Input, AnchorMapping.Output> ? Read(chain) : null;
        return found is not null;
    }

    private static Found Read(TransformerChain<ITransformer> chain)
    {
        var ml = SharedContext.Instance;
        var parts = chain.ToArray();
        // One row with one unrelated column: ML.NET's parallel cursor splitter rejects a view with no columns.
        var row = ml.Data.LoadFromEnumerable(new[] { new ProbeRow() });
        // anchor -> model id -> (always ask for the bytes, unlike the request mapping, which skips loaded models) -> payload
        var ask = ml.Transforms.CopyColumns(SurrogateColumns.PayloadKey, SurrogateColumns.ModelId)
            .Fit(parts[1].Transform(parts[0].Transform(row)));
        var head = new TransformerChain<ITransformer>(parts[0], parts[1], ask, parts[3]);
        var values = head.Transform(row);
        string modelId = values.GetColumn<string>(SurrogateColumns.ModelId).Single();
        byte[] payload = values.GetColumn<byte[]>(SurrogateColumns.Payload).Single();
        return new Found(chain, modelId, payload);
    }

    private sealed class ProbeRow
    {
        public float Probe { get; set; }
    }
}
