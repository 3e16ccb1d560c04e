using HideAndSeek.Data.ImageFiles;

namespace HideAndSeek.Data.ImageFolders;

/// <summary>
/// What to read from a folder per class (see <see cref="ImageFolderReader"/>). <see cref="ImageDatasetOptions.Classes"/>
/// lists folder names; <see cref="ImageDatasetOptions.MaxImagesPerClass"/> takes the first files by name.
/// <see cref="ImageDatasetOptions.VerifyImagesExist"/> has nothing to check here (the files are listed from disk), and
/// image files are not opened when the view is created: an unreadable one is found when a cursor first reaches it.
/// </summary>
public sealed class ImageFolderOptions : ImageDatasetOptions
{
    /// <summary>
    /// The file extensions that are images (case-insensitive; default <c>.jpg</c>, <c>.jpeg</c>, <c>.png</c>). Other
    /// files in a class folder are ignored.
    /// </summary>
    public IReadOnlyList<string> Extensions { get; set; } = [".jpg", ".jpeg", ".png"];
}
