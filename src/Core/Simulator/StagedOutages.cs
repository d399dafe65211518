using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>
/// One outage the demo stages, from <see cref="Start"/> to <see cref="End"/>: most SMS and MMS accepted meanwhile for
/// <see cref="Carrier"/>'s subscribers (or, with no carrier, sent from our number <see cref="Sender"/>) end undelivered
/// with <see cref="ErrorCode"/>. WhatsApp does not travel over carriers' SMS networks and is never affected.
/// </summary>
/// <param name="Number">0 for the first outage of the run, then 1, 2, ...</param>
public sealed record StagedOutage(int Number, DateTime Start, DateTime End, string ErrorCode, MobileNetwork? Carrier, string? Sender)
{
    /// <summary>The share of the affected messages that fail: most, not all, as in a real outage.</summary>
    public const double FailureShare = 0.9;

    /// <summary>Whether a message of <paramref name="type"/> from <paramref name="from"/> to a subscriber of <paramref name="network"/> is hit.</summary>
    public bool Affects(MessageType type, string from, MobileNetwork? network) =>
        type != MessageType.WhatsApp && (Carrier is not null ? Carrier == network : from == Sender);

    /// <summary>What is down, for the log: "carrier 310/410 (AT&amp;T)" or "sender 14155550100".</summary>
    public override string ToString() =>
        Carrier is { } c ? $"carrier {c.Mcc}/{c.Mnc} ({c.Name})" : $"sender {Sender}";
}

/// <summary>
/// The schedule of the demo's staged outages (<c>Simulator:Outages</c>, ADR-012's "Demo" section): counted from
/// <see cref="Begin"/> (when the demo traffic starts), the first after <see cref="SimulatorOptions.OutageFirstAfter"/>,
/// then one every <see cref="SimulatorOptions.OutageEvery"/>, each <see cref="SimulatorOptions.OutageLength"/> long.
/// Even-numbered outages take down a carrier, in turn the ones with the most demo customers, with a network error (20)
/// or no route (90); odd-numbered ones one of our numbers, whose messages carriers' spam filters block (30)
/// (docs/plivo/error-codes.md). Everything follows from the seed and the clock, so a test can replay it.
/// </summary>
public sealed class StagedOutages(
    IOptionsMonitor<SimulatorOptions> options,
    IOptionsMonitor<PlivoOptions> plivo,
    SimulatorContacts contacts,
    TimeProvider time)
{
    /// <summary>How many carriers take turns: the ones with the most customers.</summary>
    private const int CarrierTurns = 6;

    private static readonly string[] CarrierCodes = ["20", "90"];
    private const string SenderCode = "30";

    private long _begunTicks;
    private IReadOnlyList<(MobileNetwork Network, IReadOnlyList<string> Customers)>? _carriers;

    /// <summary>Starts the schedule now, if it has not started yet (a second call, after a lease came back, changes nothing).</summary>
    public void Begin() => Interlocked.CompareExchange(ref _begunTicks, time.GetUtcNow().UtcDateTime.Ticks, 0);

    /// <summary>The outage under way now, or null.</summary>
    public StagedOutage? Current => At(time.GetUtcNow().UtcDateTime);

    /// <summary>The outage under way at <paramref name="now"/>, or null (none yet, between two, off, or not begun).</summary>
    public StagedOutage? At(DateTime now)
    {
        var o = options.CurrentValue;
        var begun = Interlocked.Read(ref _begunTicks);
        if (!o.Outages || begun == 0)
        {
            return null;
        }

        var first = new DateTime(begun, DateTimeKind.Utc) + o.OutageFirstAfter;
        if (now < first)
        {
            return null;
        }

        var number = (int)Math.Min(int.MaxValue, (now - first).Ticks / o.OutageEvery.Ticks);
        var start = first + (number * o.OutageEvery);
        return now < start + o.OutageLength ? Outage(number, start, start + o.OutageLength) : null;
    }

    /// <summary>
    /// Who the campaign during <paramref name="outage"/> goes to: the carrier's subscribers among the demo customers, or
    /// any customer when a number is down.
    /// </summary>
    public IReadOnlyList<string> Recipients(StagedOutage outage) =>
        outage.Carrier is { } carrier ? Carriers().First(c => c.Network == carrier).Customers : contacts.Customers;

    private StagedOutage? Outage(int number, DateTime start, DateTime end)
    {
        var turn = number / 2;
        var senders = OurNumbers();
        if (number % 2 == 1 && senders.Count > 0)
        {
            return new StagedOutage(number, start, end, SenderCode, null, senders[turn % senders.Count]);
        }

        var carriers = Carriers();
        return carriers.Count == 0
            ? null
            : new StagedOutage(number, start, end, CarrierCodes[turn % CarrierCodes.Length], carriers[turn % carriers.Count].Network, null);
    }

    /// <summary>Our numbers that can be down: the US long codes first (where carriers' filters bite), then the rest.</summary>
    private List<string> OurNumbers() => [.. plivo.CurrentValue.PhoneNumbers().OrderBy(n => Numbering.CountryOfNumber(n)?.Iso2 == "US" ? 0 : 1)];

    /// <summary>The carriers that take turns, most customers first (ties by MCC/MNC), with their customers.</summary>
    private IReadOnlyList<(MobileNetwork Network, IReadOnlyList<string> Customers)> Carriers() => _carriers ??=
    [
        .. contacts.Customers
            .Select(c => (Customer: c, CarrierModel.NetworkOf(c, Numbering.CountryOfNumber(c)?.Iso2).Network))
            .Where(c => c.Network is not null)
            .GroupBy(c => c.Network!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Mcc, StringComparer.Ordinal).ThenBy(g => g.Key.Mnc, StringComparer.Ordinal)
            .Take(CarrierTurns)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(c => c.Customer)])),
    ];
}
