using HideAndSeek.Cli.Workflow;
using HideAndSeek.GapClassifier;

namespace HideAndSeek.Tests.Cli;

public class TrainingProgressDisplayTests
{
    private static readonly TrainingProgress Halfway = new(1, 30, 391, 782, 50_048, 4.12345, 0.125, 98.2, TimeSpan.FromMinutes(8.5));

    [Fact]
    public void A_plain_line_says_where_the_epoch_is_and_how_long_it_has_left()
    {
        Assert.Equal("epoch 2/30: step 391/782 (50 %), 98.2 img/s, loss 4.1235, acc 12.5 %, about 8 min 30 s left in the epoch",
            TrainingProgressDisplay.Plain(Halfway));
    }

    [Fact]
    public void The_live_line_has_a_bar_and_an_eta()
    {
        Assert.Equal("epoch 2/30 [############------------] 391/782 98.2 img/s loss 4.1235 ETA 8 min 30 s", TrainingProgressDisplay.Live(Halfway));
        var unknownLength = Halfway with { StepsPerEpoch = null };
        Assert.Equal("epoch 2/30 391 98.2 img/s loss 4.1235", TrainingProgressDisplay.Live(unknownLength));
    }

    [Fact]
    public void Live_lines_are_rewritten_in_place_and_cleared_before_the_next_full_line()
    {
        var text = new StringWriter();
        var display = new TrainingProgressDisplay(live: true, text);
        display.Step(Halfway with { Step = 782 });
        display.EndLine();
        text.WriteLine("epoch 2/30: loss ...");
        var output = text.ToString();
        Assert.StartsWith("\r", output);
        Assert.DoesNotContain("\n", output.TrimEnd('\n').TrimEnd('\r').Split("epoch 2/30: loss")[0]);
        Assert.Contains("\r" + new string(' ', TrainingProgressDisplay.Live(Halfway with { Step = 782 }).Length) + "\r", output);
    }

    [Fact]
    public void Redirected_output_gets_no_bar_and_no_carriage_returns()
    {
        var text = new StringWriter();
        var display = new TrainingProgressDisplay(live: false, text);
        for (int step = 1; step <= 100; step++)
            display.Step(Halfway with { Step = step });
        Assert.DoesNotContain("\r", text.ToString());
        Assert.DoesNotContain("[#", text.ToString());
    }
}
