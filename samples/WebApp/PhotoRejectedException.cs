namespace HideAndSeek.WebApp;

/// <summary>An upload that cannot be scored, with the HTTP status and a one-line reason for the client.</summary>
internal sealed class PhotoRejectedException(int statusCode, string reason) : Exception(reason)
{
    public int StatusCode { get; } = statusCode;
}
