using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace HideAndSeek.Tests.Cli;

/// <summary>Smoke tests of every CLI command on tiny generated data, and its one-line errors.</summary>
[Collection(nameof(CliCommandTests))]
public class CliCommandTests : IClassFixture<CliFixture>
{
    private readonly CliFixture _f;
    private readonly ITestOutputHelper _output;

    public CliCommandTests(CliFixture fixture, ITestOutputHelper output)
    {
        _f = fixture;
        _output = output;
    }

    private (int ExitCode, string Output, string Error) Run(params string[] args) => CliRunner.RunLogged(_output, args);

    [Fact]
    public void Gen_data_writes_a_dataset_in_the_tiny_imagenet_layout()
    {
        Assert.Equal(0, _f.GenerateData.ExitCode);
        Assert.True(File.Exists(Path.Combine(_f.Data, "wnids.txt")));
        Assert.Equal(12, Directory.GetFiles(Path.Combine(_f.Data, "val", "images")).Length);
        Assert.Contains("3 classes", _f.GenerateData.Output);
    }

    [Fact]
    public void Train_writes_the_model_history_curves_log_and_checkpoints()
    {
        Assert.True(_f.Train.ExitCode == 0, _f.Train.Output + _f.Train.Error);
        foreach (var file in new[] { "model.zip", "history.tsv", "curves.png", "train.log", "settings.json" })
            Assert.True(File.Exists(Path.Combine(_f.TrainDir, file)), file);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_f.TrainDir, "checkpoints"), "*.ckpt"));
        Assert.Contains("epoch 1/1", _f.Train.Output);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(_f.TrainDir, "history.tsv")).Length);
        Assert.Contains("step 2", File.ReadAllText(Path.Combine(_f.TrainDir, "train.log")));
    }

    [Fact]
    public void Training_again_in_the_same_dir_resumes_from_its_checkpoint()
    {
        var dir = _f.Path("resume");
        string[] Args(int epochs) => new[] { "train", _f.Data, "--train-dir", dir, "--max-epoch", epochs.ToString(), "--batch-size", "8",
            "--width-multiplier", "0.125", "--validation-capacity", "0" };
        Assert.Equal(0, Run(Args(1)).ExitCode);
        var second = Run(Args(2));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("epoch 2/2", second.Output);
        Assert.DoesNotContain("epoch 1/2", second.Output);
        Assert.Contains("Resuming", File.ReadAllText(Path.Combine(dir, "train.log")));
    }

    [Fact]
    public void ResNet18_trains_from_imagenet_weights_with_its_flags_and_tests_like_the_other_networks()
    {
        var dir = _f.Path("resnet18");
        // No --freeze-backbone: frozen is ResNet18's default in the CLI.
        var train = Run("train", _f.Data, "--train-dir", dir, "--method", "ResNet18", "--input-size", "64", "--high-res-cam",
            "--freeze-bn", "--backbone-lr-multiplier", "0.5", "--max-epoch", "1", "--batch-size", "6",
            "--max-images-per-class", "2", "--validation-capacity", "0");
        Assert.True(train.ExitCode == 0, train.Output + train.Error);
        Assert.Contains("ImageNet weights", File.ReadAllText(Path.Combine(dir, "train.log")));
        var settings = File.ReadAllText(Path.Combine(dir, "settings.json"));
        foreach (var expected in new[] { "\"InputSize\": 64", "\"HighResolutionCam\": true", "\"FreezeBackbone\": true",
            "\"FreezeBatchNorm\": true", "\"BackboneLearningRateMultiplier\": 0.5" })
        {
            Assert.Contains(expected, settings);
        }

        var result = _f.Path("resnet18.tsv");
        var test = Run("test", _f.Data, "--checkpoint", dir, "--selection-images", "0", "--output", result);
        Assert.Equal(0, test.ExitCode);
        Assert.Contains("ResNet18", File.ReadAllText(result));
    }

    [Fact]
    public void Test_prints_the_table_and_writes_the_result_file_and_pictures()
    {
        var result = _f.Path("test-result.tsv");
        var run = Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--do-vis", "--vis-count", "4", "--do-multi-crop",
            "--selection-images", "12", "--output", result);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("GT-known", run.Output);
        Assert.Contains("MaxBoxAccV2", run.Output);
        Assert.Contains("centre-box baseline", run.Output);
        Assert.Contains("gt_known_loc\t0.20\t", File.ReadAllText(result));
        // gen-data --write-masks: the validation split has masks, so PxAP is printed and recorded.
        Assert.Contains("PxAP ", run.Output);
        Assert.Contains("images)", run.Output);
        Assert.Matches(@"(?m)^pxap\t\t[01]\.\d{6}$", File.ReadAllText(result));
        Assert.Contains("pxap_images\t\t12", File.ReadAllText(result));
        var html = File.ReadAllText(Path.Combine(_f.TrainDir, "vis-multicrop", "index.html"));
        Assert.Contains("label: class ", html); // words.txt names, not the wnids s0000000...
        Assert.DoesNotContain("label: s000", html);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_f.TrainDir, "vis-multicrop"), "*.png"));
    }

    [Fact]
    public void Report_combines_result_files_into_one_table()
    {
        var a = _f.Path("a.tsv");
        var b = _f.Path("b.tsv");
        Assert.Equal(0, Run("test", _f.Data, "--checkpoint", Path.Combine(_f.TrainDir, "model.zip"), "--selection-images", "0", "--output", a).ExitCode);
        Assert.Equal(0, Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--thresholds", "0.3", "0.6", "--output", b).ExitCode);
        var table = _f.Path("report.md");
        var run = Run("report", a, b, "--output", table, "--average-seeds");
        Assert.Equal(0, run.ExitCode);
        var markdown = File.ReadAllText(table);
        Assert.Contains("GT-known @0.60", markdown);
        Assert.Contains("| centre box MaxBoxAccV2 | centre box GT-known | PxAP |", markdown);
        Assert.Contains("| SmallAlexnetGAP hide=N=16 width=0.125 epochs=1 multi_crop=no | 2 |", markdown);
        Assert.Equal(2, markdown.Split('\n').Count(l => l.StartsWith("| SmallAlexnetGAP hide=N=16 seed=", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_frozen_and_a_fine_tuned_backbone_are_separate_settings_in_the_report()
    {
        var plain = _f.Path("plain.tsv");
        Assert.Equal(0, Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--selection-images", "0", "--output", plain).ExitCode);
        // What the test command records for a ResNet18 run (its settings.json decides), added to a small model's file.
        var frozen = _f.Path("frozen.tsv");
        var tuned = _f.Path("tuned.tsv");
        File.WriteAllText(frozen, "# backbone\tfrozen\n# input\t112px-high-res-cam\n" + File.ReadAllText(plain));
        File.WriteAllText(tuned, "# backbone\tfine-tuned\n# input\t112px-high-res-cam\n" + File.ReadAllText(plain));

        var report = Run("report", frozen, tuned, "--average-seeds");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("| SmallAlexnetGAP backbone=frozen input=112px-high-res-cam hide=N=16 seed=1 |", report.Output);
        Assert.Contains("| SmallAlexnetGAP backbone=fine-tuned input=112px-high-res-cam hide=N=16 seed=1 |", report.Output);
        Assert.Contains("multi_crop=no backbone=frozen input=112px-high-res-cam | 1 |", report.Output);
        Assert.Contains("multi_crop=no backbone=fine-tuned input=112px-high-res-cam | 1 |", report.Output);
    }

    [Fact]
    public void Runs_on_different_datasets_are_never_averaged_together_and_part_mass_is_reported()
    {
        var plain = _f.Path("plain-for-datasets.tsv");
        Assert.Equal(0, Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--selection-images", "0", "--output", plain).ExitCode);
        string body = string.Join('\n', File.ReadAllLines(plain).Where(l => !l.StartsWith("# dataset", StringComparison.Ordinal)));
        var pets = _f.Path("pets.tsv");
        var caltech = _f.Path("caltech.tsv");
        File.WriteAllText(pets, "# dataset\t/data/pets-3/\n" + body + "\npart_mass\t\t0.345\nobject_outside_part_mass\t\t0.326\n");
        File.WriteAllText(caltech, "# dataset\t/data/caltech101-24\n" + body + "\n");

        var report = Run("report", pets, caltech, "--average-seeds");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("| data=pets-3 SmallAlexnetGAP hide=N=16 seed=1 |", report.Output);
        Assert.Contains("| data=caltech101-24 SmallAlexnetGAP hide=N=16 seed=1 |", report.Output);
        Assert.Contains("| mass in part box | mass on rest of object |", report.Output);
        var averages = report.Output.Split('\n').Where(l => l.Contains("multi_crop=no", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, averages.Count);
        Assert.All(averages, line => Assert.Contains(" | 1 |", line));
        Assert.Contains(averages, line => line.StartsWith("| data=pets-3 ", StringComparison.Ordinal) && line.EndsWith("| 34.50 | 32.60 |", StringComparison.Ordinal));
        Assert.Contains(averages, line => line.StartsWith("| data=caltech101-24 ", StringComparison.Ordinal) && line.EndsWith("| - | - |", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_with_another_box_mode_records_it_and_the_report_keeps_it_apart()
    {
        var seedMode = _f.Path("seed-mode.tsv");
        var largest = _f.Path("largest.tsv");
        Assert.Equal(0, Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--selection-images", "0", "--output", seedMode).ExitCode);
        var run = Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--selection-images", "0", "--box-mode", "largest-component",
            "--output", largest, "--do-vis", "--vis-count", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("# box_mode\tall-foreground", File.ReadAllText(seedMode));
        Assert.Contains("# box_mode\tlargest-component", File.ReadAllText(largest));

        var report = Run("report", seedMode, largest, "--average-seeds");
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("| SmallAlexnetGAP hide=N=16 seed=1 |", report.Output);
        Assert.Contains("| SmallAlexnetGAP hide=N=16 seed=1 box=largest-component |", report.Output);
        Assert.Contains("multi_crop=no box=largest-component | 1 |", report.Output);
        Assert.Contains("| CAM area @0.20 | box recall @0.20 |", report.Output);
        var averages = report.Output.Split('\n').Where(l => l.Contains("multi_crop=no", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, averages.Count);
        // The heatmap does not depend on the box rule: same CAM area and box recall in both rows, and real numbers.
        Assert.Equal(averages[0].Split('|')[^3..], averages[1].Split('|')[^3..]);
        Assert.DoesNotContain(" - |", averages[0]);
        Assert.Equal(2, Run("test", _f.Data, "--checkpoint", _f.TrainDir, "--box-mode", "biggest").ExitCode);
    }

    [Fact]
    public void Gen_data_writes_masks_and_the_adversarial_body_mode_on_request()
    {
        var data = _f.Path("adversarial");
        Assert.Equal(0, Run("gen-data", "--output", data, "--classes", "2", "--train-per-class", "2", "--val-per-class", "1",
            "--uninformative-body", "other-class").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(data, "val", "masks")));
        Assert.Equal(2, Run("gen-data", "--output", data, "--uninformative-body", "none").ExitCode);

        Assert.Equal(12, Directory.GetFiles(Path.Combine(_f.Data, "val", "masks"), "val_*.png").Length);
        Assert.Equal(12, Directory.GetFiles(Path.Combine(_f.Data, "train", "s0000000", "masks"), "*.png").Length);
        Assert.Contains("masks written", _f.GenerateData.Output);
    }

    [Fact]
    public void Hide_preview_writes_a_png()
    {
        var png = _f.Path("grid.png");
        Assert.Equal(0, Run("hide-preview", _f.Data, "--output", png, "--do-hide", "16", "--count", "4").ExitCode);
        Assert.True(new FileInfo(png).Length > 100);
    }

    [Fact]
    public void Quick_demo_runs_the_whole_workflow()
    {
        var output = _f.Path("demo");
        var run = Run("demo", "--quick", "--output", output);
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "has", "vis", "index.html")));
        Assert.Contains("| HaS |", File.ReadAllText(Path.Combine(output, "report.md")));
        // The pictures show the boxes of the threshold the result file reports as selected, and say so.
        foreach (var method in new[] { "cam", "has" })
        {
            string selected = Regex.Match(File.ReadAllText(Path.Combine(output, method, "result.tsv")), @"(?m)^selected_threshold\t([0-9.]+)\t").Groups[1].Value;
            Assert.NotEmpty(selected);
            Assert.Contains($"Predicted boxes at CAM threshold {selected} ", File.ReadAllText(Path.Combine(output, method, "vis", "index.html")));
            Assert.Contains($"vis{Path.DirectorySeparatorChar}index.html (boxes at the selected threshold {selected}, all-foreground)", run.Output);
        }
    }

    [Fact]
    public void Quick_demo_with_ResNet18_trains_frozen_imagenet_features_at_224_px()
    {
        var output = _f.Path("demo-resnet");
        var run = Run("demo", "--quick", "--method", "ResNet18", "--output", output);
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("ResNet18, frozen ImageNet features", run.Output);
        var settings = File.ReadAllText(Path.Combine(output, "has", "settings.json"));
        foreach (var expected in new[] { "\"FreezeBackbone\": true", "\"EffectiveImageSize\": 224" })
            Assert.Contains(expected, settings);
        Assert.Matches("\"HideSizes\": \\[\\s*56\\s*\\]", settings);
        Assert.Contains("| HaS |", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.Contains("Reading: ", run.Output);
    }

    [Theory]
    [InlineData("train", "{data}", "--train-dir", "{tmp}/x", "--method", "ResNet")]
    [InlineData("train", "{tmp}/missing-dataset", "--train-dir", "{tmp}/y")]
    [InlineData("train", "{data}/train", "--train-dir", "{tmp}/z")]
    [InlineData("train", "{data}", "--train-dir", "/proc/forbidden")]
    [InlineData("train", "{data}", "--train-dir", "{tmp}/w", "--no-such-flag")]
    [InlineData("train", "{data}", "--train-dir", "{tmp}/v", "--do-augmentation", "3")]
    [InlineData("test", "{data}", "--checkpoint", "{data}/wnids.txt")]
    [InlineData("test", "{data}", "--checkpoint", "{tmp}/nothing-here")]
    [InlineData("report", "{data}/wnids.txt")]
    [InlineData("demo", "--quick", "--method", "AlexnetGAP", "--output", "{tmp}/demo-alexnet")]
    public void Bad_input_ends_with_one_line_and_exit_code_2(params string[] template)
    {
        var args = template.Select(a => a.Replace("{data}", _f.Data).Replace("{tmp}", _f.Path("errors"))).ToArray();
        var run = Run(args);
        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var run = Run("train", _f.Data, "--train-dir", _f.Path("errors/verbose"), "--method", "ResNet", "--verbose");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("   at ", run.Error);
    }
}
