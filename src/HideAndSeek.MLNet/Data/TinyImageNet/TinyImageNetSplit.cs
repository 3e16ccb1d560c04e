namespace HideAndSeek.Data.TinyImageNet;

/// <summary>Which part of a Tiny ImageNet layout to read.</summary>
public enum TinyImageNetSplit
{
    /// <summary><c>train/&lt;wnid&gt;/images/*.JPEG</c> with one <c>&lt;wnid&gt;_boxes.txt</c> per class.</summary>
    Train = 0,

    /// <summary><c>val/images/*.JPEG</c> with <c>val/val_annotations.txt</c>.</summary>
    Validation = 1,
}
