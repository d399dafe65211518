using Dashboard.Core.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Incidents;

/// <summary>The detection rule (ADR-012) with the default options, on a fake clock.</summary>
public class IncidentDetectorTests
{
    private static readonly IncidentKey Carrier20 = new(IncidentDimension.Carrier, "20", "310/410");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

    private IncidentDetector Start(IncidentOptions? options = null)
    {
        var detector = new IncidentDetector(Options.Create(options ?? new IncidentOptions()), _time);
        // A full baseline period watched, with no failures in it.
        _time.Advance(TimeSpan.FromHours(1));
        return detector;
    }

    /// <summary>Network errors on one carrier in the US, sent from our two numbers in turn (or from one).</summary>
    private static ObservedFailure[] CarrierFailures(int count, string code = "20", string mnc = "410", bool oneSender = false) =>
        [.. Enumerable.Range(0, count).Select(i => new ObservedFailure(code, "310", mnc, oneSender || i % 2 == 0 ? "14155550100" : "14155550101", "US", 650))];

    [Fact]
    public void ASpikeOnOneCarrierOpensOneIncidentWithItsKeyAndCount()
    {
        var detector = Start();

        detector.Observe(CarrierFailures(25));

        var changes = detector.Collect();
        var opened = Assert.Single(changes.Opened);
        Assert.Equal(Carrier20, opened.Key);
        Assert.Equal(25, opened.Failures);
        Assert.Equal(25 * 650, opened.WastedAmount);
        Assert.Equal(0, opened.BaselinePerMinute);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, opened.DetectedAt);
        Assert.Equal(25, opened.Series.Sum());
        Assert.Empty(changes.Updated);
        Assert.Empty(changes.Closed);
    }

    [Fact]
    public void FewerFailuresThanTheMinimumAreNoIncident()
    {
        var detector = Start();

        detector.Observe(CarrierFailures(19));

        Assert.True(detector.Collect().IsEmpty);
        Assert.Null(detector.Find(Carrier20));
    }

    [Fact]
    public void FailuresOutsideTheWindowDoNotAddUp()
    {
        var detector = Start();

        detector.Observe(CarrierFailures(15));
        _time.Advance(TimeSpan.FromMinutes(6));
        detector.Observe(CarrierFailures(15));

        Assert.Empty(detector.Collect().Opened);
    }

    [Fact]
    public void AKeyFailingAtItsUsualRateIsNoIncidentButThreeTimesItIs()
    {
        var detector = new IncidentDetector(Options.Create(new IncidentOptions()), _time);
        for (var minute = 0; minute < 60; minute++)
        {
            detector.Observe(CarrierFailures(10, oneSender: true));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(detector.Collect().Opened);

        // 10 a minute is the normal; the window (four slices of 10, then these) must reach 30 a minute. The sender and
        // the country cross with the carrier: one incident, the carrier's (the first of equals).
        detector.Observe(CarrierFailures(100, oneSender: true));

        Assert.Empty(detector.Collect().Opened);
        detector.Observe(CarrierFailures(10, oneSender: true));
        var opened = Assert.Single(detector.Collect().Opened);
        Assert.Equal(Carrier20, opened.Key);
        Assert.Equal(10, opened.BaselinePerMinute, precision: 6);
        Assert.Equal(150, opened.Failures);
    }

    [Fact]
    public void OfTheKeysAFailurePushesOverTheThresholdTheOneWithTheMostFailuresOpens()
    {
        var detector = Start();
        ObservedFailure[] otherCarrier = [.. Enumerable.Range(0, 10).Select(_ => new ObservedFailure("20", "310", "260", "14155550100", "US", 650))];

        // The country crosses with its 20th failure, when the carrier has 10 and the sender 15.
        detector.Observe([.. otherCarrier, .. CarrierFailures(10)]);

        Assert.Equal(new IncidentKey(IncidentDimension.Country, "20", "US"), Assert.Single(detector.Collect().Opened).Key);
    }

    [Fact]
    public void ACountrysSpikeThatOneCarrierNearlyFillsIsThatCarriersIncident()
    {
        var detector = Start();
        var otherCarrier = new ObservedFailure("20", "310", "260", "14155550100", "US", 650);

        // The country crosses with its 20th failure, when the carrier has 18 of them (90 %).
        detector.Observe([otherCarrier, otherCarrier, .. CarrierFailures(18)]);

        var opened = Assert.Single(detector.Collect().Opened);
        Assert.Equal(Carrier20, opened.Key);
        Assert.Equal(18, opened.Failures);
        Assert.Equal(18 * 650, opened.WastedAmount);
    }

    [Fact]
    public void WhileACarriersIncidentIsOpenAFewFailuresOnItsCountrysOtherCarriersOpenNoCountryIncident()
    {
        var detector = Start();
        detector.Observe(CarrierFailures(40));
        Assert.Equal(Carrier20, Assert.Single(detector.Collect().Opened).Key);
        var otherCarrier = new ObservedFailure("20", "310", "260", "14155550100", "US", 650);

        // 4 of the country's 44 failures are not the carrier's: 91 % are.
        detector.Observe([otherCarrier, otherCarrier, otherCarrier, otherCarrier]);
        Assert.Empty(detector.Collect().Opened);
        // 5 of 45: 89 %, no longer nearly all of it.
        detector.Observe([otherCarrier]);

        Assert.Equal(new IncidentKey(IncidentDimension.Country, "20", "US"), Assert.Single(detector.Collect().Opened).Key);
    }

    [Fact]
    public void RightAfterAStartAKeyNeedsRatioTimesTheMinimum()
    {
        var detector = new IncidentDetector(Options.Create(new IncidentOptions()), _time);

        detector.Observe(CarrierFailures(59));
        Assert.Empty(detector.Collect().Opened);
        detector.Observe(CarrierFailures(1));

        Assert.Equal(60, Assert.Single(detector.Collect().Opened).Failures);
    }

    [Fact]
    public void FurtherFailuresOfAnOpenIncidentAreCountedAsUpdates()
    {
        var detector = Start();
        detector.Observe(CarrierFailures(25));
        detector.Collect();

        _time.Advance(TimeSpan.FromMinutes(2));
        detector.Observe(CarrierFailures(7));

        var changes = detector.Collect();
        var updated = Assert.Single(changes.Updated);
        Assert.Empty(changes.Opened);
        Assert.Equal(32, updated.Failures);
        Assert.Equal(32, updated.Series.Sum());
        Assert.True(detector.Collect().IsEmpty);
    }

    [Fact]
    public void AnIncidentClosesByItselfAfterTheQuietPeriod()
    {
        var detector = Start();
        detector.Observe(CarrierFailures(25));
        detector.Collect();

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Empty(detector.Collect().Closed);
        _time.Advance(TimeSpan.FromMinutes(1));
        var closed = Assert.Single(detector.Collect().Closed);

        Assert.Equal(Carrier20, closed.Key);
        Assert.Equal(25, closed.Failures);
        Assert.Null(detector.Find(Carrier20));
    }

    [Fact]
    public void FailuresUnderTheThresholdDoNotKeepAnIncidentOpen()
    {
        var detector = Start();
        detector.Observe(CarrierFailures(25));
        detector.Collect();

        // The window stays over the threshold until 4 minutes later; quiet from then on.
        for (var minute = 0; minute < 18; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            detector.Observe(CarrierFailures(1));
        }

        Assert.Empty(detector.Collect().Closed);
        _time.Advance(TimeSpan.FromMinutes(1));
        detector.Observe(CarrierFailures(1));

        var closed = Assert.Single(detector.Collect().Closed);
        Assert.Equal(44, closed.Failures);
    }

    [Fact]
    public void OtherErrorCodesAndCarriersAreOtherKeys()
    {
        var detector = Start();

        detector.Observe([.. CarrierFailures(12), .. CarrierFailures(12, code: "30"), .. CarrierFailures(12, mnc: "260")]);

        // Each carrier and sender key has 12 failures; the country has 24 of code 20, and only that opens.
        var opened = detector.Collect().Opened;
        Assert.DoesNotContain(opened, o => o.Key.Dimension == IncidentDimension.Carrier);
        Assert.Equal([new IncidentKey(IncidentDimension.Country, "20", "US")], opened.Select(o => o.Key));
        Assert.Equal(24, opened[0].Failures);
    }

    [Fact]
    public void AResolvedIncidentThatKeepsFailingOpensANewOne()
    {
        var detector = Start();
        detector.Observe(CarrierFailures(25));
        detector.Collect();

        detector.Forget(Carrier20);
        detector.Observe(CarrierFailures(1));

        var reopened = Assert.Single(detector.Collect().Opened);
        Assert.Equal(26, reopened.Failures);
    }

    [Fact]
    public void AResumedIncidentCountsOnAndClosesAfterTheQuietPeriod()
    {
        var detector = Start();
        var now = _time.GetUtcNow().UtcDateTime;
        detector.Resume(new DetectedIncident(Carrier20, now.AddMinutes(-10), now.AddMinutes(-9), now.AddMinutes(-5), 40, 0, 1, 8,
            TimeSpan.FromMinutes(1), now.AddMinutes(-10), [10, 30]));

        detector.Observe(CarrierFailures(2));
        Assert.Equal(42, Assert.Single(detector.Collect().Updated).Failures);
        _time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(42, Assert.Single(detector.Collect().Closed).Failures);
    }

    [Fact]
    public void NothingIsDetectedWhenDisabled()
    {
        var detector = Start(new IncidentOptions { Enabled = false });

        detector.Observe(CarrierFailures(500));

        Assert.True(detector.Collect().IsEmpty);
    }

    [Theory]
    [InlineData("Window", "00:00:01")]
    [InlineData("Ratio", "0.5")]
    [InlineData("MinimumCount", "0")]
    [InlineData("BaselinePeriod", "00:01:00")]
    [InlineData("QuietPeriod", "nonsense")]
    public void BadSettingsStopTheStartWithTheirName(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new($"Incidents:{key}", value)]).Build();
        using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddIncidents(configuration).BuildServiceProvider();

        var ex = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<IncidentOptions>>().Value);

        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
    }
}
