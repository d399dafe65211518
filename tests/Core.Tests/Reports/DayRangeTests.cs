using Dashboard.Core.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Reports;

public class DayRangeTests
{
    private static readonly DayRange Fallback = new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 16));

    [Theory]
    [InlineData("2026-11-01", "2026-11-03", "2026-11-01", "2026-11-03")]
    [InlineData("2026-11-03", "2026-11-01", "2026-11-01", "2026-11-03")]
    [InlineData("2026-11-12", null, "2026-11-12", "2026-11-16")]
    [InlineData(null, "2026-11-01", "2026-11-01", "2026-11-01")]
    [InlineData(null, "2026-11-14", "2026-11-10", "2026-11-14")]
    [InlineData(null, null, "2026-11-10", "2026-11-16")]
    public void ReadsFromAndToAsWholeUtcDays(string? from, string? to, string expectedFrom, string expectedTo)
    {
        var ok = DayRange.TryParse(from, to, Fallback, out var range, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal(new DayRange(DateOnly.Parse(expectedFrom), DateOnly.Parse(expectedTo)), range);
    }

    [Fact]
    public void AnUnreadableDateIsNamedAndTheFallbackUsed()
    {
        var ok = DayRange.TryParse("2026-02-30", null, Fallback, out var range, out var error);

        Assert.False(ok);
        Assert.Equal("from '2026-02-30' is not a date as yyyy-MM-dd", error);
        Assert.Equal(Fallback, range);
    }

    [Fact]
    public void EndsAreMidnightsUtcWithTheEndExclusive()
    {
        var range = new DayRange(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 15));

        Assert.Equal(new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc), range.StartUtc);
        Assert.Equal(new DateTime(2026, 11, 16, 0, 0, 0, DateTimeKind.Utc), range.EndUtc);
        Assert.Equal(6, range.Days);
    }

    [Fact]
    public void PresetsCountBackFromTodayInUtc()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 23, 30, 0, TimeSpan.FromHours(-5)));

        Assert.Equal(new DayRange(new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 17)), DayRange.Today(time));
        Assert.Equal(new DayRange(new DateOnly(2026, 11, 11), new DateOnly(2026, 11, 17)), DayRange.LastDays(time, 7));
        Assert.Equal(new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 17)), DayRange.MonthToDate(time));
    }
}
