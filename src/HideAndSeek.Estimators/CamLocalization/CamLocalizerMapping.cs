using HideAndSeek.ModelFormat;

namespace HideAndSeek.CamLocalization;

/// <summary>
/// Localises one image in a loaded zip: packs heatmaps, the box and multi-crop scores, names the classes. One sealed
/// subclass per packed row size is generated (CamLocalizerMappingTiers).
/// </summary>
/// <typeparam name="TOutput">The packed output row.</typeparam>
[PackedMappingTiers(CamLocalizerRuntime.MappingFamily)]
internal abstract class CamLocalizerMapping<TOutput> : PackedMappingFactory<CamLocalizerMappingInput, TOutput>
    where TOutput : class, IPackedRow, new()
{
    private protected override void Map(CamLocalizerMappingInput input, TOutput output, float[] packed, ModelBinding binding)
    {
        var runtime = binding.Resolve(input.ModelId, input.Payload, bytes => CamLocalizerRuntime.Deserialize(bytes, input.ModelId));
        var (camClass, predicted) = runtime.Map(input.FeatureMap, input.Scores, input.Label, input.Pixels, packed);
        output.Text = runtime.Description.ClassNames[camClass];
        output.Text2 = runtime.Description.ClassNames[predicted];
    }
}
