namespace HideAndSeek.Data.TinyImageNet;

/// <summary>A class of a Tiny ImageNet layout: its wnid and the first name <c>words.txt</c> gives it.</summary>
internal sealed record TinyImageNetClass(string Wnid, string Name);
