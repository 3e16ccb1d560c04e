namespace HideAndSeek.Data.ImageFiles;

/// <summary>An image file left out of a dataset because it is unreadable.</summary>
/// <param name="Path">The file.</param>
/// <param name="Problem">What is wrong with it, in words.</param>
public sealed record BadImage(string Path, string Problem);
