using System.Globalization;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class PlivoTimeTests
{
    [Theory]
    [InlineData("2026-11-20 10:00:04.500000", "2026-11-20T10:00:04.5000000Z")]
    [InlineData("2021-07-13 13:04:06.799021", "2021-07-13T13:04:06.7990210Z")]
    [InlineData("2024-02-29 23:59:59.1", "2024-02-29T23:59:59.1000000Z")]
    [InlineData("2026-01-01 00:00:00", "2026-01-01T00:00:00.0000000Z")]
    [InlineData("2021-07-13 13:04:06.799021+05:30", "2021-07-13T07:34:06.7990210Z")]
    [InlineData("2021-07-13T13:04:06Z", "2021-07-13T13:04:06.0000000Z")]
    [InlineData("  2026-11-20 10:00:04.500000 ", "2026-11-20T10:00:04.5000000Z")]
    public void ParsesCallbackAndMdrTimesToUtc(string text, string expected)
    {
        Assert.True(PlivoTime.TryParse(text, out var utc));
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("O", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-02-29 10:00:00.000000")] // not a leap year
    [InlineData("2026-13-01 10:00:00.000000")]
    [InlineData("2026-11-20 24:00:00.000000")]
    [InlineData("2026-11-20 10:60:00")]
    [InlineData("2026-11-2a 10:00:00.000000")]
    [InlineData("2026-11-20 10:00:00.12345678")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData(null)]
    public void RefusesWhatIsNotATime(string? text) => Assert.False(PlivoTime.TryParse(text, out _));

    [Fact]
    public void TheFastPathAgreesWithTheGeneralFormats()
    {
        var random = new Random(7);
        for (var i = 0; i < 2_000; i++)
        {
            var time = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365 * 40).Ticks));
            var digits = random.Next(0, 8);
            var text = time.ToString(digits == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss." + new string('f', digits), CultureInfo.InvariantCulture);
            var general = DateTimeOffset.ParseExact(text, digits == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF",
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;

            Assert.True(PlivoTime.TryParse(text, out var parsed), text);
            Assert.Equal(general, parsed);
        }
    }
}
