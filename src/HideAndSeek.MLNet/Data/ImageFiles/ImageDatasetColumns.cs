namespace HideAndSeek.Data.ImageFiles;

/// <summary>Column names of the views that the dataset loaders (<c>ml.Data.LoadTinyImageNet</c> and the others) return.</summary>
internal static class ImageDatasetColumns
{
    public const string ImagePath = "ImagePath";
    public const string Label = "Label";
    public const string LabelName = "LabelName";
    public const string Box = "Box";
    public const int BoxSize = 4;
    public const string MaskPath = "MaskPath";
    public const string PartBox = "PartBox";
}
