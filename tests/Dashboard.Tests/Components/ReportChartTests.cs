using Dashboard.Components.Shared;
using Dashboard.Tests.Infrastructure;
using MudBlazor.Interop;

namespace Dashboard.Tests.Components;

public class ReportChartTests : ComponentTestBase
{
    [Fact]
    public void TheChartsNumbersAreATableForScreenReaders()
    {
        var chart = Render<ReportChart>(p => p
            .Add(c => c.Name, "per-minute")
            .Add(c => c.Title, "Messages per minute")
            .Add(c => c.Categories, ["10:00 UTC", "10:01 UTC"])
            .Add(c => c.Labels, ["10:00", "10:01"])
            .Add(c => c.Lines, [new ChartLine("Delivered", [3, 1_200]), new ChartLine("Failed", [0, null])])
            .Add(c => c.XAxisTitle, "Minute (UTC)")
            .Add(c => c.YAxisTitle, "Messages per minute"));

        var table = chart.Find("[data-chart=per-minute] table[data-chart-table]");
        Assert.Equal("Messages per minute", table.QuerySelector("caption")!.TextContent);
        Assert.Equal(["Minute (UTC)", "Delivered", "Failed"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal(
            [["10:00 UTC", "3", "0"], ["10:01 UTC", "1,200", "—"]],
            table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(c => c.TextContent).ToArray()));
    }

    [Theory]
    [InlineData(60, 6, 6)]
    [InlineData(24, 6, 6)]
    [InlineData(5, 6, 5)]
    [InlineData(31, 12, 11)]
    public void TimeLabelsAreThinnedToFit(int count, int max, int shown)
    {
        var labels = Enumerable.Range(0, count).Select(i => $"{i}").ToArray();

        var thinned = ReportChart.Thin(labels, max);

        Assert.Equal(count, thinned.Length);
        Assert.Equal(shown, thinned.Count(l => l != ""));
        Assert.Equal("0", thinned[0]);
    }

    [Theory]
    [InlineData(0.11, 50, 1_000)]
    [InlineData(3, 1, 1)]
    [InlineData(100, 20, 1)]
    [InlineData(1_200, 500, 1)]
    [InlineData(0.0004, 100, 1_000_000)]
    [InlineData(0, 1, 1)]
    public void TheYAxisStepIsRoundAndFitsTheData(double top, int ticks, double scale)
    {
        var axis = ReportChart.YAxis(top);

        Assert.Equal((ticks, scale), axis);
        Assert.InRange(top * scale / ticks, 0, ReportChart.AxisSteps);
    }

    [Fact]
    public void ASmallSpendIsDrawnOnAnAxisOfItsOwnSizeInItsUnit()
    {
        // The chart draws once it knows its size (MatchBoundsToSize): the browser's answer, as MudBlazor's script gives it.
        Context.JSInterop.Setup<ElementSize>("mudObserveElementSize", _ => true).SetResult(new ElementSize { Width = 800, Height = 260, Timestamp = 1 });

        var chart = Render<ReportChart>(p => p
            .Add(c => c.Name, "spend")
            .Add(c => c.Title, "Spend per UTC day")
            .Add(c => c.Categories, ["Mon 9 Nov", "Tue 10 Nov"])
            .Add(c => c.Labels, ["9 Nov", "10 Nov"])
            .Add(c => c.Lines, [new ChartLine("SMS", [0.04, 0.08]), new ChartLine("WhatsApp", [0.01, 0.03])])
            .Add(c => c.XAxisTitle, "Day (UTC)")
            .Add(c => c.YAxisTitle, "USD")
            .Add(c => c.Format, v => "$" + v.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));

        var texts = chart.FindAll("[data-chart=spend] svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Superset(new HashSet<string> { "$0.00", "$0.05", "$0.10", "$0.15" }, texts.ToHashSet());
        Assert.DoesNotContain("$20.00", texts);
        Assert.DoesNotContain("$0.20", texts);
    }

    [Fact]
    public void TheUnitStandsAboveTheValueAxisAndTheXAxisTitleBelowThePlot()
    {
        Context.JSInterop.Setup<ElementSize>("mudObserveElementSize", _ => true).SetResult(new ElementSize { Width = 800, Height = 260, Timestamp = 1 });

        var chart = Render<ReportChart>(p => p
            .Add(c => c.Name, "errors")
            .Add(c => c.Title, "Failed per UTC day")
            .Add(c => c.Categories, ["Mon 9 Nov"])
            .Add(c => c.Labels, ["9 Nov"])
            .Add(c => c.Lines, [new ChartLine("30", [3])])
            .Add(c => c.XAxisTitle, "Day (UTC)")
            .Add(c => c.YAxisTitle, "Failed messages"));

        // In document order: the unit, the drawing, the x axis's title (MudChart 9 would draw its x title above the plot).
        var order = chart.FindAll("[data-chart=errors] [data-axis-title], [data-chart=errors] svg text")
            .Select(e => e.GetAttribute("data-axis-title") ?? e.TextContent.Trim()).ToList();
        Assert.Equal("y", order[0]);
        Assert.Equal("x", order[^1]);
        Assert.True(order.Count > 3, "the drawing's labels stand between the two titles");
        Assert.DoesNotContain("Day (UTC)", order);
        Assert.Equal(["Failed messages", "Day (UTC)"], chart.FindAll("[data-chart=errors] [data-axis-title]").Select(t => t.TextContent.Trim()));
    }
}
