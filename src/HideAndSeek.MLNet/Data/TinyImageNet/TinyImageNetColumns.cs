namespace HideAndSeek.Data.TinyImageNet;

/// <summary>Column names of the view that <c>LoadTinyImageNet</c> returns.</summary>
internal static class TinyImageNetColumns
{
    public const string ImagePath = "ImagePath";
    public const string Label = "Label";
    public const string LabelName = "LabelName";
    public const string Box = "Box";
    public const int BoxSize = 4;
    public const string MaskPath = "MaskPath";
}
