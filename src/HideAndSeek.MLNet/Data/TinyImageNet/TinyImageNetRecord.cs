namespace HideAndSeek.Data.TinyImageNet;

/// <summary>One annotated image of a Tiny ImageNet layout.</summary>
/// <param name="ImagePath">The absolute path of the JPEG file.</param>
/// <param name="Label">The class id (WordNet id, e.g. <c>n02165456</c>).</param>
/// <param name="LabelName">
/// The first name of the class in <c>words.txt</c> (e.g. <c>ladybug</c>), or the wnid when <c>words.txt</c> has no entry.
/// </param>
/// <param name="XMin">Left edge of the object box, inclusive pixel column.</param>
/// <param name="YMin">Top edge of the object box, inclusive pixel row.</param>
/// <param name="XMax">Right edge of the object box, inclusive pixel column.</param>
/// <param name="YMax">Bottom edge of the object box, inclusive pixel row.</param>
/// <param name="MaskPath">
/// The absolute path of the object mask (<c>masks/&lt;name&gt;.png</c>, see <see cref="TinyImageNetReader.MaskPathFor"/>)
/// when the split has masks, else <see langword="null"/>.
/// </param>
public sealed record TinyImageNetRecord(
    string ImagePath, string Label, string LabelName, int XMin, int YMin, int XMax, int YMax, string? MaskPath = null);
