namespace HideAndSeek.ModelFormat;

/// <summary>
/// Column names used only inside the ML.NET surrogate chains that carry our models in a zip. They never reach users:
/// every chain drops them at its end.
/// </summary>
internal static class SurrogateColumns
{
    public const string Prefix = "__HaS_";
    public const string Anchor = "__HaS_Anchor";
    public const string ModelId = "__HaS_ModelId";
    public const string PayloadKey = "__HaS_PayloadKey";
    public const string Payload = "__HaS_Payload";
    public const string Packed = "__HaS_Packed";
    public const string Text = "__HaS_Text";
    public const string Text2 = "__HaS_Text2";

    // The fixed names user input columns are copied to before a custom mapping reads them. Saved chains name them:
    // the values never change (the feature map's is "Features" from before it was called the feature map).
    public const string InputPixels = "__HaS_In_Pixels";
    public const string InputFeatureMap = "__HaS_In_Features";
    public const string InputScores = "__HaS_In_Scores";
    public const string InputLabel = "__HaS_In_Label";
    public const string InputPhotoGeometry = "__HaS_In_PhotoGeometry";

    // The photo-box mapping's other inputs and its output (new in zips whose data had a PhotoGeometry column).
    public const string PhotoBoxNetworkBox = "__HaS_Out_Box"; // = Output("Box"): the localiser's network-space box
    public const string NetworkWidth = "__HaS_NetworkWidth";
    public const string NetworkHeight = "__HaS_NetworkHeight";
    public const string PhotoBoxOutput = "__HaS_Out_PhotoBox";

    /// <summary>The fixed name of a slice of the packed output before it is copied to the user's column name.</summary>
    public static string Output(string role) => Prefix + "Out_" + role;
}
