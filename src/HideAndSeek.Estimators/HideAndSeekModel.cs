using HideAndSeek.Augmentation;
using HideAndSeek.CamLocalization;
using HideAndSeek.GapClassifier;
using HideAndSeek.Hiding;
using HideAndSeek.ModelFormat;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek;

/// <summary>
/// Access to the Hide-and-Seek components inside a model, including one loaded with <c>ml.Model.Load</c>, where
/// ML.NET hands back its own transformer types.
/// </summary>
public static class HideAndSeekModel
{
    private static readonly Dictionary<string, Func<ModelPayload, SurrogateReader.Found, ITransformer>> Restorers = new(StringComparer.Ordinal)
    {
        [ImageHidingTransformer.PayloadKind] = (payload, found) => ImageHidingTransformer.Restore(payload, found.Chain),
        [ImageAugmentationTransformer.PayloadKind] = (payload, found) => ImageAugmentationTransformer.Restore(payload, found.Chain),
        [GapClassifierRuntime.PayloadKind] = GapClassifierTransformer.Restore,
        [CamLocalizerRuntime.PayloadKind] = CamLocalizer.Restore,
    };

    /// <summary>
    /// The components of <paramref name="model"/> as their HideAndSeek.NET types (<see cref="ImageHidingTransformer"/>,
    /// <see cref="ImageAugmentationTransformer"/>, <see cref="GapClassifierTransformer"/>, <see cref="CamLocalizer"/>), in
    /// pipeline order. Works on fitted and on loaded models; a restored classifier scores in batches again.
    /// </summary>
    public static IReadOnlyList<ITransformer> FindComponents(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new List<ITransformer>();
        Collect(model, result);
        return result;
    }

    /// <summary>
    /// A copy of <paramref name="model"/> (typically loaded with <c>ml.Model.Load</c>) in which every HideAndSeek.NET
    /// component is its own type again, so the classifier scores in batches instead of one forward pass per row. The
    /// outputs are bit-identical.
    /// </summary>
    public static ITransformer Restore(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            ImageHidingTransformer or GapClassifierTransformer or CamLocalizer => model,
            TransformerChain<ITransformer> chain when SurrogateReader.TryRead(chain, out var found) => Restore(found!),
            IEnumerable<ITransformer> parts => new TransformerChain<ITransformer>(parts.Select(Restore).ToArray()),
            _ => model,
        };
    }

    /// <summary>The first component of type <typeparamref name="T"/> in <paramref name="model"/>, or null.</summary>
    public static T? Find<T>(ITransformer model) where T : class, ITransformer =>
        FindComponents(model).OfType<T>().FirstOrDefault();

    private static void Collect(ITransformer model, List<ITransformer> result)
    {
        switch (model)
        {
            case ImageHidingTransformer or ImageAugmentationTransformer or GapClassifierTransformer or CamLocalizer:
                result.Add(model);
                return;
            case TransformerChain<ITransformer> chain when SurrogateReader.TryRead(chain, out var found):
                result.Add(Restore(found!));
                return;
            case IEnumerable<ITransformer> parts:
                foreach (var part in parts)
                    Collect(part, result);
                return;
        }
    }

    private static ITransformer Restore(SurrogateReader.Found found)
    {
        var kind = ModelPayload.PeekKind(found.Payload);
        if (!Restorers.TryGetValue(kind, out var restore))
            throw new InvalidDataException($"The model holds a component of kind '{kind}' that this version of HideAndSeek.NET does not know.");
        return restore(ModelPayload.Parse(found.Payload, kind, int.MaxValue), found);
    }
}
