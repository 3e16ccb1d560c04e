using HideAndSeek.ModelFormat;

namespace HideAndSeek.GapClassifier;

/// <summary>
/// Scores one image in a loaded zip: packs [class probabilities | feature map F] and names the top class. One sealed
/// subclass per packed row size is generated (GapClassifierMappingTiers).
/// </summary>
/// <typeparam name="TOutput">The packed output row.</typeparam>
[PackedMappingTiers(GapClassifierRuntime.MappingFamily)]
internal abstract class GapClassifierMapping<TOutput> : PackedMappingFactory<GapClassifierMappingInput, TOutput>
    where TOutput : class, IPackedRow, new()
{
    private protected override void Map(GapClassifierMappingInput input, TOutput output, float[] packed, ModelBinding binding)
    {
        var runtime = binding.Resolve(input.ModelId, input.Payload, bytes => GapClassifierRuntime.Deserialize(bytes, input.ModelId));
        output.Text = runtime.ScoreOne(input.Pixels, packed);
    }
}
