namespace HideAndSeek.WebApp;

/// <summary>A box in the photo's own pixels, inclusive corners.</summary>
internal sealed record PhotoBox(int Xmin, int Ymin, int Xmax, int Ymax);
