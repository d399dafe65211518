using Dashboard.Core.Reports;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Reports;

public class DayRangeTests
{
    private static readonly DayRange Fallback = new(new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 16));

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("2026-11-01", "2026-11-03", "2026-11-01", "2026-11-03")]
    [InlineData("2026-11-03", "2026-11-01", "2026-11-01", "2026-11-03")]
    [InlineData("2026-11-12", null, "2026-11-12", "2026-11-16")]
    [InlineData(null, "2026-11-01", "2026-11-01", "2026-11-01")]
    [InlineData(null, "2026-11-14", "2026-11-10", "2026-11-14")]
    [InlineData(null, null, "2026-11-10", "2026-11-16")]
    public void ReadsFromAndToAsWholeUtcDays(string? from, string? to, string expectedFrom, string expectedTo)
    {
        var ok = DayRange.TryParse(from, to, Fallback, Clock, out var range, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal(new DayRange(DateOnly.Parse(expectedFrom), DateOnly.Parse(expectedTo)), range);
    }

    [Fact]
    public void AnUnreadableDateIsNamedAndTheFallbackUsed()
    {
        var ok = DayRange.TryParse("2026-02-30", null, Fallback, Clock, out var range, out var error);

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

    [Theory]
    [InlineData("0001-01-01", "9999-12-30", "from")]
    [InlineData("0001-01-01", "2026-11-16", "from")]
    [InlineData("2026-11-01", "9999-12-31", "to")]
    [InlineData("2016-11-15", "2016-11-20", "from")]
    [InlineData("2026-11-10", "2026-11-18", "to")]
    [InlineData("2025-11-15", "2026-11-16", "to")]
    public void RangesOutsideTheWindowOrLongerThanAYearAreRefusedByName(string from, string to, string field)
    {
        var ok = DayRange.TryParse(from, to, Fallback, Clock, out var range, out var error);

        Assert.False(ok);
        Assert.Equal(field, DayRange.FieldOf(error!));
        Assert.Equal(Fallback, range);
    }

    [Theory]
    [InlineData("2025-11-16", "2026-11-16")]
    [InlineData("2016-11-16", "2016-11-30")]
    [InlineData("2026-11-17", "2026-11-17")]
    public void AYearWithinTenYearsBackToTomorrowIsTaken(string from, string to)
    {
        var ok = DayRange.TryParse(from, to, Fallback, Clock, out var range, out var error);

        Assert.True(ok, error);
        Assert.Equal(new DayRange(DateOnly.Parse(from), DateOnly.Parse(to)), range);
    }
}
