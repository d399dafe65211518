using Dashboard.Components.Shared;
using Dashboard.Tests.Infrastructure;

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
}
