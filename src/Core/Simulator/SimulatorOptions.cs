using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Plivo;

namespace Dashboard.Core.Simulator;

/// <summary>How fast simulated messages move.</summary>
public enum SimulatorSpeed
{
    /// <summary>Human pace: a message is queued, sent and delivered over seconds; Plivo's retries take minutes.</summary>
    Demo,

    /// <summary>For tests: every delay is 500 times shorter, so a message reaches its final state within milliseconds.</summary>
    Fast,
}

/// <summary>The embedded Plivo simulator (section <c>Simulator</c>).</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>
    /// Null (the default): on exactly when no real Plivo is configured (<c>Plivo:BaseUrl</c> empty), so a fresh
    /// clone shows live traffic with no account. An explicit true or false wins.
    /// </summary>
    public bool? Enabled { get; set; }

    public SimulatorSpeed Speed { get; set; } = SimulatorSpeed.Demo;

    /// <summary>Inbound messages (replies, keywords, MMS, WhatsApp) it makes up per minute, on average; 0 for none.</summary>
    [Range(0, 60_000)]
    public double InboundPerMinute { get; set; } = 8;

    /// <summary>
    /// Demo sends per minute (through the real send service, client and HTTP), on average; 0 for none. A few are
    /// small campaigns to several numbers at once.
    /// </summary>
    [Range(0, 60_000)]
    public double DemoSendsPerMinute { get; set; } = 20;

    /// <summary>Seeds every random choice: the same seed and the same requests give the same outcomes.</summary>
    public int Seed { get; set; } = 20_261_123;

    /// <summary>Message records it keeps to answer get and list (the oldest are forgotten first).</summary>
    [Range(100, 1_000_000)]
    public int MaxMessages { get; set; } = 50_000;

    /// <summary>Share of status callbacks delivered twice, as Plivo's retries sometimes do.</summary>
    [Range(0, 0.5)]
    public double DuplicateCallbackShare { get; set; } = 0.03;

    /// <summary>
    /// Share of status callbacks never delivered, as when a webhook endpoint was down past Plivo's retries: the message
    /// still moves on in the simulated Plivo (its Get Message API answers the truth), so reconciliation can be seen at work.
    /// </summary>
    [Range(0, 1)]
    public double DropCallbackRate { get; set; }

    /// <summary>Share of messages whose <c>sent</c> callback arrives only after their final one.</summary>
    [Range(0, 0.5)]
    public double OutOfOrderShare { get; set; } = 0.03;

    /// <summary>
    /// Countries (ISO alpha-2, comma-separated) missing from the simulated account's Geo Permissions: sends there
    /// fail with 450. A string rather than a list, so configuration replaces the default instead of adding to it.
    /// </summary>
    public string BarredCountries { get; set; } = "NG";

    /// <summary>
    /// Staged outages in the demo traffic (<see cref="StagedOutages"/>): now and then one carrier or one of our numbers
    /// fails most messages with one error code for <see cref="OutageLength"/>, so an incident opens and later closes by
    /// itself. On by default; they only run with the demo traffic (<see cref="DemoSendsPerMinute"/> above 0).
    /// </summary>
    public bool Outages { get; set; } = true;

    /// <summary>From the start of the demo traffic to the first outage.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan OutageFirstAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>From the start of one outage to the start of the next.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00")]
    public TimeSpan OutageEvery { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long each outage lasts.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan OutageLength { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// During an outage, the demo also sends a campaign through the carrier or number that is down, at this many SMS a
    /// minute (on top of <see cref="DemoSendsPerMinute"/>): the demo's own traffic, spread over dozens of carriers, gives
    /// no single carrier the failures an incident needs (ADR-012: right after a start, 60 in five minutes).
    /// </summary>
    [Range(0, 60_000)]
    public double OutageSendsPerMinute { get; set; } = 30;

    /// <summary>An outage must end before the next one starts.</summary>
    public bool OutagesAreValid() => OutageLength < OutageEvery;

    public const string OutagesProblem = "Simulator:OutageLength must be shorter than Simulator:OutageEvery.";

    /// <summary>Whether the simulator runs, given the Plivo settings (see <see cref="Enabled"/>).</summary>
    public bool IsEnabled(PlivoOptions plivo) => Enabled ?? string.IsNullOrWhiteSpace(plivo.BaseUrl);

    public IReadOnlySet<string> BarredCountrySet =>
        BarredCountries.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.ToUpperInvariant()).ToHashSet();

    /// <summary>The factor every simulated delay is multiplied by.</summary>
    public double TimeScale => Speed == SimulatorSpeed.Fast ? 0.002 : 1.0;
}
