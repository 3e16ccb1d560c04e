using HideAndSeek.Data.ImageFiles;
using HideAndSeek.Data.TinyImageNet;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using System.Globalization;
using System.Text;

namespace HideAndSeek.Data.Synthetic;

/// <summary>
/// Writes a synthetic weakly-supervised localisation dataset in Tiny ImageNet's layout, readable by
/// <see cref="TinyImageNetReader"/> and <c>mlContext.Data.LoadTinyImageNet</c>.
/// </summary>
/// <remarks>
/// <para>Each image shows, on a cluttered background, one object: a large elliptic body (its long axis 35-75 % of the
/// image side, random pose, fully inside the image) filled with a stripe texture, and a small solid head of an exact
/// class colour at one end of the body. The box is the tight inclusive box around body and head. The head always
/// names the class; the body carries the class's texture only with probability
/// <see cref="SyntheticWsolOptions.BodyInformativeness"/> and otherwise a random one
/// (<see cref="SyntheticWsolOptions.UninformativeBody"/>), so a classifier's CAM leans on the head: the setting where
/// Hide-and-Seek should enlarge the boxes. With <see cref="UninformativeBody.OtherClass"/> the other bodies wear
/// another class's texture, which is adversarial: the body then argues against the class and networks ignore it.</para>
/// <para>Files: <c>wnids.txt</c> (<c>s0000000</c>, <c>s0000001</c>, ...), <c>words.txt</c> ("class 0", ...: short, so panels show them whole),
/// <c>train/&lt;wnid&gt;/images/&lt;wnid&gt;_&lt;i&gt;.JPEG</c> with <c>train/&lt;wnid&gt;/&lt;wnid&gt;_boxes.txt</c>,
/// <c>val/images/val_&lt;i&gt;.JPEG</c> (classes interleaved) with <c>val/val_annotations.txt</c>, and with
/// <see cref="SyntheticWsolOptions.WriteMasks"/> one object mask per image beside its <c>images</c> folder:
/// <c>train/&lt;wnid&gt;/masks/&lt;wnid&gt;_&lt;i&gt;.png</c> and <c>val/masks/val_&lt;i&gt;.png</c>, 8-bit grey PNGs of
/// the image's size, 255 on exactly the pixels painted as the object (body and head) and 0 elsewhere, so the box is
/// the tight box around the mask's 255 pixels (<see cref="TinyImageNetReader"/> exposes them as <c>MaskPath</c>).
/// Existing files of the same names are overwritten; nothing else in the folder is touched.</para>
/// <para>Deterministic: every image draws from its own random stream derived from the seed, so the same options give
/// byte-identical files even though images are rendered in parallel.</para>
/// </remarks>
public static class SyntheticWsolGenerator
{
    /// <summary>Generates the dataset into <paramref name="root"/> (created when missing).</summary>
    /// <param name="root">The dataset folder.</param>
    /// <param name="options">What to generate.</param>
    /// <returns>Counts, mean box coverage and the absolute path.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its documented range.</exception>
    public static SyntheticWsolSummary Generate(string root, SyntheticWsolOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        string fullRoot = Path.GetFullPath(root);
        var wnids = Enumerable.Range(0, options.Classes).Select(Wnid).ToArray();
        Directory.CreateDirectory(fullRoot);
        WriteText(Path.Combine(fullRoot, TinyImageNetReader.WnidsFileName), wnids);
        WriteText(Path.Combine(fullRoot, TinyImageNetReader.WordsFileName),
            wnids.Select((w, c) => $"{w}\tclass {c.ToString(CultureInfo.InvariantCulture)}"));

        var (jobs, trainCount) = PlanImages(fullRoot, wnids, options);
        var boxes = RenderImages(jobs, options);
        WriteAnnotations(fullRoot, wnids, jobs, trainCount, boxes);

        double imageArea = (double)options.ImageSize * options.ImageSize;
        double MeanCoverage(IEnumerable<PixelBox> b) => b.Select(x => x.Area / imageArea).DefaultIfEmpty(0).Average();
        return new SyntheticWsolSummary(
            fullRoot,
            options.Classes,
            trainCount,
            jobs.Count - trainCount,
            options.ImageSize,
            MeanCoverage(boxes.Take(trainCount)),
            MeanCoverage(boxes.Skip(trainCount)),
            options.WriteMasks);
    }

    /// <summary>Every image to draw, training images class by class first, then the validation images.</summary>
    private static (List<ImageJob> Jobs, int TrainCount) PlanImages(string fullRoot, string[] wnids, SyntheticWsolOptions options)
    {
        var jobs = new List<ImageJob>();
        for (int c = 0; c < options.Classes; c++)
        {
            string classFolder = Path.Combine(fullRoot, TinyImageNetReader.TrainFolderName, wnids[c]);
            for (int i = 0; i < options.TrainImagesPerClass; i++)
            {
                string name = $"{wnids[c]}_{i.ToString(CultureInfo.InvariantCulture)}.JPEG";
                jobs.Add(new ImageJob(Split: 0, c, i, Path.Combine(classFolder, TinyImageNetReader.ImagesFolderName, name)));
            }
        }
        int trainCount = jobs.Count;
        string valFolder = Path.Combine(fullRoot, TinyImageNetReader.ValidationFolderName);
        var valClasses = ValidationClassOrder(options);
        for (int i = 0; i < valClasses.Length; i++)
        {
            string name = $"val_{i.ToString(CultureInfo.InvariantCulture)}.JPEG";
            jobs.Add(new ImageJob(Split: 1, valClasses[i], i, Path.Combine(valFolder, TinyImageNetReader.ImagesFolderName, name)));
        }
        return (jobs, trainCount);
    }

    /// <summary>Draws and writes every image (and mask) in parallel; returns their boxes in job order.</summary>
    private static PixelBox[] RenderImages(List<ImageJob> jobs, SyntheticWsolOptions options)
    {
        foreach (string folder in jobs.Select(j => Path.GetDirectoryName(j.ImagePath)!).Distinct())
        {
            Directory.CreateDirectory(folder);
            if (options.WriteMasks)
                Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(folder)!, TinyImageNetReader.MasksFolderName));
        }

        var styles = Enumerable.Range(0, options.Classes).Select(c => SyntheticClassStyle.For(c, options.Classes)).ToArray();
        var boxes = new PixelBox[jobs.Count];
        var encoder = new JpegEncoder { Quality = options.JpegQuality, ColorType = JpegColorType.YCbCrRatio444 };
        var maskEncoder = new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 };
        Parallel.For(0, jobs.Count, index =>
        {
            var job = jobs[index];
            var rng = new Random(SeedMixer.Mix(options.Seed, job.Split, job.ClassIndex, job.Index));
            var obj = SyntheticObject.Sample(rng, job.ClassIndex, options);
            var image = SyntheticImageRenderer.Render(obj, styles, job.ClassIndex, options.ImageSize, options.Clutter, rng);
            using (var jpeg = Image.LoadPixelData<Rgb24>(image.Rgb, options.ImageSize, options.ImageSize))
                jpeg.SaveAsJpeg(job.ImagePath, encoder);
            if (options.WriteMasks)
            {
                var maskBytes = image.Mask.Select(m => m ? (byte)255 : (byte)0).ToArray();
                using var mask = Image.LoadPixelData<L8>(maskBytes, options.ImageSize, options.ImageSize);
                mask.SaveAsPng(MaskPathFor(job.ImagePath), maskEncoder);
            }
            boxes[index] = image.Box;
        });
        return boxes;
    }

    /// <summary>Each class's <c>_boxes.txt</c> and the validation annotations, in Tiny ImageNet's format.</summary>
    private static void WriteAnnotations(string fullRoot, string[] wnids, List<ImageJob> jobs, int trainCount, PixelBox[] boxes)
    {
        for (int c = 0; c < wnids.Length; c++)
        {
            string boxesFile = Path.Combine(fullRoot, TinyImageNetReader.TrainFolderName, wnids[c], wnids[c] + "_boxes.txt");
            WriteText(boxesFile, Enumerable.Range(0, trainCount)
                .Where(j => jobs[j].ClassIndex == c)
                .Select(j => $"{Path.GetFileName(jobs[j].ImagePath)}\t{BoxText(boxes[j])}"));
        }
        string valFolder = Path.Combine(fullRoot, TinyImageNetReader.ValidationFolderName);
        Directory.CreateDirectory(valFolder);
        WriteText(Path.Combine(valFolder, TinyImageNetReader.ValidationAnnotationsFileName),
            Enumerable.Range(trainCount, jobs.Count - trainCount)
                .Select(j => $"{Path.GetFileName(jobs[j].ImagePath)}\t{wnids[jobs[j].ClassIndex]}\t{BoxText(boxes[j])}"));
    }

    /// <summary>
    /// Where the mask of a generated image lies: <c>masks/&lt;name without extension&gt;.png</c> beside the image's
    /// <c>images</c> folder (<c>train/&lt;wnid&gt;/masks/</c> or <c>val/masks/</c>).
    /// </summary>
    /// <param name="imagePath">Path of a generated image, e.g. the <c>ImagePath</c> column.</param>
    /// <returns>The mask path (which exists only if the dataset was generated with masks).</returns>
    public static string MaskPathFor(string imagePath) => TinyImageNetReader.MaskPathFor(imagePath);

    /// <summary>Describes a generated dataset in one paragraph, for consoles and logs.</summary>
    /// <param name="summary">What <see cref="Generate"/> returned.</param>
    /// <returns>The description.</returns>
    public static string Describe(SyntheticWsolSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture,
            $"Synthetic WSOL dataset at {summary.Root}: {summary.Classes} classes, {summary.TrainImages} training + " +
            $"{summary.ValidationImages} validation images of {summary.ImageSize} x {summary.ImageSize} px; " +
            $"mean box coverage {summary.MeanBoxCoverage:P1} (training {summary.MeanTrainBoxCoverage:P1}, " +
            $"validation {summary.MeanValidationBoxCoverage:P1}); masks {(summary.MasksWritten ? "written" : "not written")}.");
    }

    internal static string Wnid(int classIndex) => "s" + classIndex.ToString("D7", CultureInfo.InvariantCulture);

    private static void Validate(SyntheticWsolOptions o)
    {
        static void Check(bool ok, string name, object value, string range)
        {
            if (!ok)
                throw new ArgumentOutOfRangeException(name, value, $"{nameof(SyntheticWsolOptions)}.{name} must be {range}.");
        }
        Check(o.Classes is >= 1 and <= 9_999_999, nameof(o.Classes), o.Classes, "between 1 and 9,999,999");
        Check(o.TrainImagesPerClass >= 1, nameof(o.TrainImagesPerClass), o.TrainImagesPerClass, "at least 1");
        Check(o.ValidationImagesPerClass >= 0, nameof(o.ValidationImagesPerClass), o.ValidationImagesPerClass, "0 or more");
        Check(o.ImageSize is >= 32 and <= 4096, nameof(o.ImageSize), o.ImageSize, "between 32 and 4096");
        Check(o.PartSize >= 1 && o.PartSize <= o.ImageSize / 4, nameof(o.PartSize), o.PartSize, "between 1 and ImageSize / 4");
        Check(o.BodyInformativeness is >= 0 and <= 1, nameof(o.BodyInformativeness), o.BodyInformativeness, "between 0 and 1");
        Check(o.JpegQuality is >= 1 and <= 100, nameof(o.JpegQuality), o.JpegQuality, "between 1 and 100");
        Check(o.Clutter is >= 0 and <= 1, nameof(o.Clutter), o.Clutter, "between 0 and 1");
    }

    /// <summary>Validation classes in a seeded random order, as in Tiny ImageNet where val_i are not grouped by class.</summary>
    private static int[] ValidationClassOrder(SyntheticWsolOptions options)
    {
        var classes = Enumerable.Range(0, options.Classes)
            .SelectMany(c => Enumerable.Repeat(c, options.ValidationImagesPerClass)).ToArray();
        new Random(SeedMixer.Mix(options.Seed, -1)).Shuffle(classes);
        return classes;
    }

    private static string BoxText(PixelBox b) => string.Create(CultureInfo.InvariantCulture,
        $"{b.XMin}\t{b.YMin}\t{b.XMax}\t{b.YMax}");

    /// <summary>UTF-8 without BOM and '\n' line ends whatever the platform, so files hash the same everywhere.</summary>
    private static void WriteText(string path, IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (string line in lines)
            text.Append(line).Append('\n');
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private readonly record struct ImageJob(int Split, int ClassIndex, int Index, string ImagePath);
}
