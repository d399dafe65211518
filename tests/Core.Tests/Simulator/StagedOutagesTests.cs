using Dashboard.Core.Incidents;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Simulator;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Dashboard.Core.Tests.Simulator;

/// <summary>
/// The demo's staged outages (Simulator:Outage*) on a fake clock, with the default settings and appsettings.json's numbers:
/// their schedule, what the carrier model makes of the messages they hit, and what the real incident detector (default
/// options, started with the app) makes of the failures.
/// </summary>
public class StagedOutagesTests
{
    private readonly ITestOutputHelper _output;

    private static readonly DateTime Start = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly string[] OurNumbers = ["14155550100", "14155550101", "447700900100"];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(Start));
    private readonly SimulatorOptions _options = new();
    private readonly SimulatorContacts _contacts;
    private readonly StagedOutages _outages;

    public StagedOutagesTests(ITestOutputHelper output)
    {
        _output = output;
        var plivo = new FixedOptionsMonitor<PlivoOptions>(new PlivoOptions { Numbers = [.. OurNumbers] });
        var options = new FixedOptionsMonitor<SimulatorOptions>(_options);
        _contacts = new SimulatorContacts(options, plivo, _time);
        _outages = new StagedOutages(options, plivo, _contacts, _time);
    }

    [Fact]
    public void TheFirstOutageComesAMinuteAfterTheTrafficStartsAndTakesTheBiggestCarrierDownForFiveMinutes()
    {
        Assert.Null(_outages.At(Start.AddMinutes(2)));
        _outages.Begin();

        var first = _outages.At(Start.AddMinutes(1));

        Assert.Null(_outages.At(Start.AddSeconds(59)));
        Assert.NotNull(first);
        Assert.Equal((0, Start.AddMinutes(1), Start.AddMinutes(6), "20", (string?)null), (first.Number, first.Start, first.End, first.ErrorCode, first.Sender));
        Assert.Equal(new MobileNetwork("311", "480", "US", "Verizon"), first.Carrier);
        var customersOn = _contacts.Customers.Select(c => CarrierModel.NetworkOf(c, Numbering.CountryOfNumber(c)?.Iso2).Network)
            .OfType<MobileNetwork>().CountBy(n => n).ToDictionary();
        Assert.Equal(customersOn.Values.Max(), customersOn[first.Carrier!]);
        Assert.Equal(customersOn[first.Carrier!], _outages.Recipients(first).Count);
        Assert.Equal(first, _outages.At(Start.AddMinutes(6).AddTicks(-1)));
        Assert.Null(_outages.At(Start.AddMinutes(6)));
        Assert.Null(_outages.At(Start.AddMinutes(30)));
    }

    [Fact]
    public void ThenOneOfOurUsNumbersIsDownAndThenTheNextCarrierWithNoRoute()
    {
        _outages.Begin();

        var second = _outages.At(Start.AddMinutes(31));
        var third = _outages.At(Start.AddMinutes(61));

        Assert.Equal((1, "30", "14155550100", (MobileNetwork?)null), (second!.Number, second.ErrorCode, second.Sender, second.Carrier));
        Assert.Equal(_contacts.Customers.Count, _outages.Recipients(second).Count);
        Assert.Equal((2, "90"), (third!.Number, third.ErrorCode));
        Assert.NotEqual(_outages.At(Start.AddMinutes(1))!.Carrier, third.Carrier);
    }

    [Fact]
    public void NoOutageWhenTurnedOff()
    {
        _options.Outages = false;
        _outages.Begin();

        Assert.Null(_outages.At(Start.AddMinutes(2)));
    }

    [Fact]
    public void MostSmsToTheCarrierThatIsDownFailWithItsCodeAndWhatsAppAndOtherCarriersAreUntouched()
    {
        _outages.Begin();
        var outage = _outages.At(Start.AddMinutes(2))!;
        var to = _outages.Recipients(outage)[0];
        var input = new PlanInput(MessageType.Sms, OurNumbers[2], to, "US", null, false, false, 1);

        var hit = Enumerable.Range(0, 1_000).Select(i => CarrierModel.Plan(new Random(i), input with { Outage = outage }, _options)).ToList();
        var normal = Enumerable.Range(0, 1_000).Select(i => CarrierModel.Plan(new Random(i), input, _options)).ToList();

        Assert.Equal(883, hit.Count(p => p is { Outcome: SimulatedOutcome.Undelivered, ErrorCode: "20" }));
        Assert.Equal(4, normal.Count(p => p.ErrorCode == "20"));
        Assert.True(outage.Affects(MessageType.Mms, OurNumbers[0], outage.Carrier));
        Assert.False(outage.Affects(MessageType.WhatsApp, OurNumbers[0], outage.Carrier));
        Assert.False(outage.Affects(MessageType.Sms, OurNumbers[0], new MobileNetwork("310", "410", "US", "AT&T")));
    }

    /// <summary>The demo's seed, then others: other customers, carriers and traffic, the same outcome.</summary>
    public static TheoryData<int> Seeds => [new SimulatorOptions().Seed, .. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void TheFirstOutageOpensOneIncidentOnItsCarrierWithinFiveMinutesOfTheStartAndItClosesAQuietPeriodAfterTheOutage(int seed)
    {
        _options.Seed = seed;
        // The detector starts with the app, so it has no baseline yet: the key needs 60 failures in five minutes.
        var incidentOptions = new IncidentOptions();
        var detector = new IncidentDetector(Options.Create(incidentOptions), _time);
        var traffic = new DemoTraffic(this);
        _outages.Begin();
        var first = _outages.At(Start.AddMinutes(1))!;
        var key = new IncidentKey(IncidentDimension.Carrier, "20", $"{first.Carrier!.Mcc}/{first.Carrier.Mnc}");
        List<(DetectedIncident Incident, DateTime At)> opened = [], closed = [];

        for (var second = 0; second < 30 * 60; second++)
        {
            detector.Observe(traffic.Tick());
            var changes = detector.Collect();
            opened.AddRange(changes.Opened.Select(i => (i, _time.GetUtcNow().UtcDateTime)));
            closed.AddRange(changes.Closed.Select(i => (i, _time.GetUtcNow().UtcDateTime)));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        foreach (var (i, at) in opened.Concat(closed))
        {
            _output.WriteLine($"{at:HH:mm:ss} {i.Key}: {i.Failures} failures, started {i.StartedAt:HH:mm:ss}, last failure {i.LastFailureAt:HH:mm:ss}");
        }

        var (incident, openedAt) = Assert.Single(opened);
        Assert.Equal(key, incident.Key);
        Assert.InRange(openedAt, first.Start, Start.AddMinutes(5));
        Assert.Equal(traffic.Failures(key, from: incident.StartedAt, to: openedAt), incident.Failures);
        var (ended, closedAt) = Assert.Single(closed);
        Assert.Equal(key, ended.Key);
        Assert.Equal(traffic.Failures(key, from: incident.StartedAt, to: closedAt), ended.Failures);
        // Closed a quiet period after its last failure while over the threshold: the outage's last, or a late receipt's.
        Assert.InRange(closedAt, first.End + incidentOptions.QuietPeriod - TimeSpan.FromMinutes(1), first.End + incidentOptions.QuietPeriod + incidentOptions.Window);
    }

    /// <summary>
    /// The demo's SMS at the default rates, one second at a time: <see cref="SimulatorOptions.DemoSendsPerMinute"/> to any
    /// customer from any of our numbers, and during an outage <see cref="SimulatorOptions.OutageSendsPerMinute"/> into it
    /// (as <c>SimulatorTrafficService.OutageRequest</c> picks them); each failure is observed when its callback is due.
    /// </summary>
    private sealed class DemoTraffic(StagedOutagesTests test)
    {
        private readonly Random _rng = new(test._options.Seed);
        private readonly PriorityQueue<ObservedFailure, DateTime> _due = new();
        private readonly List<(DateTime At, ObservedFailure Failure)> _observed = [];
        private int _ordinal;

        public List<ObservedFailure> Tick()
        {
            var o = test._options;
            var now = test._time.GetUtcNow().UtcDateTime;
            if (_rng.NextDouble() < o.DemoSendsPerMinute / 60)
            {
                Send(DemoContent.Pick(_rng, OurNumbers), DemoContent.Pick(_rng, test._contacts.Customers), now);
            }

            if (test._outages.At(now) is { } outage && _rng.NextDouble() < o.OutageSendsPerMinute / 60)
            {
                Send(outage.Sender ?? DemoContent.Pick(_rng, OurNumbers), DemoContent.Pick(_rng, test._outages.Recipients(outage)), now);
            }

            List<ObservedFailure> failures = [];
            while (_due.TryPeek(out var failure, out var at) && at <= now)
            {
                _due.Dequeue();
                failures.Add(failure);
                _observed.Add((now, failure));
            }

            return failures;
        }

        /// <summary>The failures observed under <paramref name="key"/> from the slice of <paramref name="from"/> to <paramref name="to"/>.</summary>
        public long Failures(IncidentKey key, DateTime from, DateTime to) =>
            _observed.Count(f => f.At >= from && f.At <= to && f.Failure.Keys().Contains(key));

        private void Send(string from, string to, DateTime now)
        {
            var country = Numbering.CountryOfNumber(to)?.Iso2;
            var (network, index) = CarrierModel.NetworkOf(to, country);
            var outage = test._outages.At(now) is { } o && o.Affects(MessageType.Sms, from, network) ? o : null;
            var input = new PlanInput(MessageType.Sms, from, to, country, null, false,
                country is not null && test._options.BarredCountrySet.Contains(country), index, outage);
            var plan = CarrierModel.Plan(new Random(unchecked((test._options.Seed * 1_000_003) + ++_ordinal)), input, test._options);
            var fails = plan.Queue + plan.Dispatch + (plan.Outcome == SimulatedOutcome.Undelivered ? plan.Receipt : TimeSpan.Zero);
            if (plan.Outcome is SimulatedOutcome.Failed or SimulatedOutcome.Undelivered)
            {
                _due.Enqueue(new ObservedFailure(plan.ErrorCode, network?.Mcc, network?.Mnc, from, country, RateCard.Outbound(country, MessageType.Sms)), now + fails);
            }
        }
    }
}
