using HideAndSeek.Cli.Workflow;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HideAndSeek.Tests.Cli;

public class RowProgressDisplayTests
{
    [Fact]
    public void The_live_line_has_a_bar_a_rate_and_an_eta()
    {
        Assert.Equal("evaluating [######------------------] 250/1000 images 50.0 img/s ETA 15 s",
            RowProgressDisplay.Live("evaluating", 250, 1000, TimeSpan.FromSeconds(5)));
        Assert.Equal("evaluating 250 images 50.0 img/s", RowProgressDisplay.Live("evaluating", 250, null, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_plain_line_says_how_far_the_pass_is_and_how_long_it_has_left()
    {
        Assert.Equal("pictures, best IoU: 600/1000 images (60 %), 10.0 img/s, about 40 s left",
            RowProgressDisplay.Plain("pictures, best IoU", 600, 1000, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void Redirected_output_gets_a_plain_line_a_minute_and_no_carriage_returns()
    {
        var now = TimeSpan.Zero;
        var text = new StringWriter();
        var display = new RowProgressDisplay(live: false, text, () => now);
        display.Start("evaluating", 10_000);
        for (int row = 1; row <= 10_000; row++)
        {
            now += TimeSpan.FromMilliseconds(15); // 150 s in all
            display.Rows(row);
        }
        display.End();
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("evaluating: 4000/10000 images (40 %), 66.7 img/s, about 1 min 30 s left", lines[0]);
        Assert.DoesNotContain("\r", text.ToString());
    }

    [Fact]
    public void Live_lines_are_rewritten_a_few_times_a_second_and_cleared_at_the_end()
    {
        var now = TimeSpan.Zero;
        var text = new StringWriter();
        var display = new RowProgressDisplay(live: true, text, () => now);
        display.Start("evaluating", 100);
        for (int row = 1; row <= 100; row++)
        {
            now += TimeSpan.FromMilliseconds(10); // one second in all: about five redraws and the last row
            display.Rows(row);
        }
        display.End();
        string output = text.ToString();
        Assert.DoesNotContain("\n", output);
        int redraws = output.Split("\revaluating").Length - 1;
        Assert.InRange(redraws, 4, 7);
        Assert.Contains("100/100 images", output);
        Assert.EndsWith("\r" + new string(' ', RowProgressDisplay.Live("evaluating", 100, 100, TimeSpan.FromSeconds(1)).Length) + "\r", output);
    }

    [Fact]
    public void The_view_reports_every_row_of_each_pass_and_passes_the_data_through()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new Row { Value = i }));
        var text = new StringWriter();
        var now = TimeSpan.Zero;
        var display = new RowProgressDisplay(live: true, text, () => now += TimeSpan.FromSeconds(1)); // every row redraws
        IDataView view = new ProgressDataView(data, "evaluating", display, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), view.GetColumn<float>("Value"));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), view.GetColumn<float>("Value"));
        Assert.Contains("\revaluating 50 images", text.ToString());           // this view does not know its row count
        Assert.Contains("\revaluating (pass 2) 50 images", text.ToString());
    }

    [Fact]
    public void A_signal_stops_the_pass_at_the_next_row()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new Row { Value = i }));
        using var interrupt = new CancellationTokenSource();
        var view = new ProgressDataView(data, "evaluating", new RowProgressDisplay(live: false, TextWriter.Null), interrupt.Token);
        using var cursor = view.GetRowCursor(view.Schema);
        Assert.True(cursor.MoveNext());
        interrupt.Cancel();
        var e = Assert.Throws<ProgressDataView.PassStoppedException>(() => cursor.MoveNext());
        Assert.StartsWith("stopped while evaluating", e.Message);
    }

    private sealed class Row
    {
        public float Value { get; set; }
    }
}
