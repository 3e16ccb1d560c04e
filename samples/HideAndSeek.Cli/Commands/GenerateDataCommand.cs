using HideAndSeek.Data.Synthetic;
using System.CommandLine;

namespace HideAndSeek.Cli.Commands;

/// <summary>gen-data: a synthetic WSOL dataset in the Tiny ImageNet layout.</summary>
internal static class GenerateDataCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder to write.", DefaultValueFactory = _ => "data/synthetic" };
        var classes = new Option<int>("--classes") { Description = "Number of classes.", DefaultValueFactory = _ => 6 };
        var train = new Option<int>("--train-per-class") { Description = "Training images per class.", DefaultValueFactory = _ => 100 };
        var val = new Option<int>("--val-per-class") { Description = "Validation images per class.", DefaultValueFactory = _ => 20 };
        var size = new Option<int>("--size") { Description = "Image side in pixels.", DefaultValueFactory = _ => 64 };
        var part = new Option<int>("--part-size") { Description = "Side of the small discriminative part (px).", DefaultValueFactory = _ => 7 };
        var informativeness = new Option<double>("--body-informativeness")
        {
            Description = "Probability that an object's body texture identifies its class.",
            DefaultValueFactory = _ => 0.5,
        };
        var uninformative = new Option<string>("--uninformative-body")
        {
            Description = "Texture of a body that does not identify its class: random (independent of the class) or " +
                "other-class (adversarial: another class's texture, so networks learn to ignore bodies).",
            DefaultValueFactory = _ => "random",
        };
        uninformative.AcceptOnlyFromAmong(UninformativeBodyNames.Keys.ToArray());
        var masks = new Option<bool>("--write-masks", "--masks")
        {
            Description = "Also write an object mask per image (masks/<name>.png beside images/: 255 on the object, 0 elsewhere); 'test' then reports PxAP.",
        };
        var seed = CliOptions.Seed();
        var command = new Command("gen-data", "Generate a synthetic dataset: objects with a small discriminative part and a large body on clutter.")
        {
            output, classes, train, val, size, part, informativeness, uninformative, masks, seed,
        };
        command.SetAction(parse =>
        {
            var summary = SyntheticWsolGenerator.Generate(parse.GetValue(output)!, new SyntheticWsolOptions
            {
                Classes = parse.GetValue(classes),
                TrainImagesPerClass = parse.GetValue(train),
                ValidationImagesPerClass = parse.GetValue(val),
                ImageSize = parse.GetValue(size),
                PartSize = parse.GetValue(part),
                BodyInformativeness = parse.GetValue(informativeness),
                UninformativeBody = UninformativeBodyNames[parse.GetValue(uninformative)!],
                WriteMasks = parse.GetValue(masks),
                Seed = parse.GetValue(seed),
            });
            Console.WriteLine(SyntheticWsolGenerator.Describe(summary));
            return 0;
        });
        return command;
    }

    private static readonly Dictionary<string, UninformativeBody> UninformativeBodyNames = new(StringComparer.Ordinal)
    {
        ["random"] = UninformativeBody.Random,
        ["other-class"] = UninformativeBody.OtherClass,
    };
}
