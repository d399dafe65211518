using Dashboard.Components.Shared;

namespace Dashboard.Tests.Components.Shared;

public class DisplayTextTests
{
    [Theory]
    [InlineData("14155550100", "+14155550100")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("ACME", "ACME")]
    [InlineData("55555", "55555")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void NumbersAreE164WithAPlusAndSenderIdsStayAsTheyAre(string? stored, string shown) =>
        Assert.Equal(shown, DisplayText.Number(stored));

    [Theory]
    [InlineData(23 * 3600 + 41 * 60 + 5, "23 h 41 m")]
    [InlineData(3600, "1 h 0 m")]
    [InlineData(41 * 60 + 5, "41 m 05 s")]
    [InlineData(45, "45 s")]
    [InlineData(0, "0 s")]
    [InlineData(-5, "0 s")]
    public void CountdownsReadAsDurationsNotClockTimes(int seconds, string shown) =>
        Assert.Equal(shown, DisplayText.Countdown(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(100, "≤ 100 ms")]
    [InlineData(125, "125 ms")]
    [InlineData(3_150, "3.2 s")]
    public void APercentileInTheFirstLatencyBucketReadsAsAnUpperBound(int milliseconds, string shown) =>
        Assert.Equal(shown, DisplayText.Percentile(TimeSpan.FromMilliseconds(milliseconds)));
}
