using Dashboard.Components.Shared;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components.Shared;

public class ViewerTimeTests : ComponentTestBase
{
    private static readonly DateTime Winter = new(2026, 11, 20, 10, 0, 1, 250, DateTimeKind.Utc);
    private static readonly DateTime Summer = new(2026, 7, 1, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void UntilTheBrowserSaysOtherwiseTimesAreUtcAndSaySo()
    {
        Assert.Equal("2026-11-20 10:00:01 UTC", Viewer.Format(Winter));
    }

    [Theory]
    [InlineData("Europe/Paris", "2026-11-20 11:00:01 UTC+1", "2026-07-01 12:00:00 UTC+2")]
    [InlineData("America/New_York", "2026-11-20 05:00:01 UTC-5", "2026-07-01 06:00:00 UTC-4")]
    [InlineData("Asia/Kolkata", "2026-11-20 15:30:01 UTC+5:30", "2026-07-01 15:30:00 UTC+5:30")]
    public void TimesAreShownInTheViewersZoneWithItsOffsetAtThatDate(string zone, string winter, string summer)
    {
        Viewer.Use(zone);

        Assert.Equal(winter, Viewer.Format(Winter));
        Assert.Equal(summer, Viewer.Format(Summer));
    }

    [Theory]
    [InlineData("Not/AZone")]
    [InlineData("")]
    [InlineData(null)]
    public void AZoneThisMachineDoesNotKnowKeepsUtc(string? zone)
    {
        Viewer.Use(zone);

        Assert.Equal("2026-11-20 10:00:01 UTC", Viewer.Format(Winter));
    }

    [Fact]
    public void TimesFromTheDatabaseWithoutAKindAreTakenAsUtc()
    {
        Viewer.Use("Europe/Paris");

        Assert.Equal("2026-11-20 11:00 UTC+1", Viewer.Format(DateTime.SpecifyKind(Winter, DateTimeKind.Unspecified), TimePrecision.Minutes));
    }

    [Fact]
    public void ListsShowOnlyTheTimeForTheViewersToday()
    {
        Viewer.Use("Pacific/Auckland");
        var now = new DateTime(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal("00:30 UTC+13", Viewer.FormatShort(new DateTime(2026, 11, 20, 11, 30, 0, DateTimeKind.Utc), now));
        Assert.Equal("2026-11-20 23:30 UTC+13", Viewer.FormatShort(new DateTime(2026, 11, 20, 10, 30, 0, DateTimeKind.Utc), now));
    }

    [Fact]
    public void LocalTimeShowsTheZonedTimeWithUtcOnHoverAndForMachines()
    {
        Viewer.Use("Europe/Paris");

        var time = Render<LocalTime>(p => p.Add(t => t.At, Winter).Add(t => t.Precision, TimePrecision.Milliseconds)).Find("time");

        Assert.Equal("2026-11-20 11:00:01.250 UTC+1", time.TextContent);
        Assert.Equal("2026-11-20 10:00:01.250 UTC", time.GetAttribute("title"));
        Assert.Equal("2026-11-20T10:00:01.250Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void LocalTimeWithoutATimeSaysSo() =>
        Assert.Equal("—", Render<LocalTime>(p => p.Add(t => t.At, null)).Markup.Trim().Replace("<span>", "").Replace("</span>", ""));
}
