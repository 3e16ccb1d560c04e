namespace HideAndSeek.Networks.Pretrained;

/// <summary>
/// Where ML.NET's DnnImageFeaturizer packages put their ONNX files. The package's build props copy
/// <c>tools/DnnImageModels/**</c> into the application's output folder as <c>DnnImageModels/...</c>, and ML.NET's own
/// <c>DnnFeaturizeImage</c> looks for them under <see cref="AppContext.BaseDirectory"/> the same way.
/// </summary>
internal static class DnnImageModels
{
    /// <summary>The package that ships ResNet18.</summary>
    public const string ResNet18Package = "Microsoft.ML.DnnImageFeaturizer.ResNet18";

    /// <summary>The version whose graph the import was written for and tested with.</summary>
    public const string ResNet18PackageVersion = "0.23.1";

    /// <summary>The folder name in the application output.</summary>
    public const string FolderName = "DnnImageModels";

    /// <summary>The network, relative to the folder.</summary>
    public static readonly string ResNet18File = Path.Combine("ResNet18Onnx", "ResNet18.onnx");

    /// <summary>Its preprocessing (BGR, mean image), relative to the folder.</summary>
    public static readonly string ResNetPreprocessFile = Path.Combine("ResNetPrepOnnx", "ResNetPreprocess.onnx");

    /// <summary><c>DnnImageModels</c> beside the application.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>The two ONNX files of ResNet18 in <paramref name="directory"/> (null: <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="FileNotFoundException">A file is missing; the message says which package to reference.</exception>
    public static (string Network, string Preprocess) LocateResNet18(string? directory)
    {
        string folder = Path.GetFullPath(directory ?? DefaultDirectory);
        string network = Path.Combine(folder, ResNet18File);
        string preprocess = Path.Combine(folder, ResNetPreprocessFile);
        foreach (var file in new[] { network, preprocess })
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException(
                    $"ResNet18 starts from ML.NET's ImageNet weights, and '{file}' does not exist. Add " +
                    $"<PackageReference Include=\"{ResNet18Package}\" Version=\"{ResNet18PackageVersion}\" IncludeAssets=\"build\" /> " +
                    $"to the application's project (its build step copies {FolderName}/ into the output folder), or point " +
                    $"GapClassifierOptions.PretrainedModelDirectory at a folder that holds {ResNet18File} and {ResNetPreprocessFile}.",
                    file);
            }
        }
        return (network, preprocess);
    }
}
