using Dashboard.Core.Messages;

namespace Dashboard.Core.Simulator;

/// <summary>How a simulated message ends.</summary>
internal enum SimulatedOutcome
{
    /// <summary>Plivo could not hand it to a carrier: queued, then failed with an error code.</summary>
    Failed,

    /// <summary>Handed to the carrier, which never sent a delivery receipt: it stays sent.</summary>
    SentOnly,

    Delivered,

    /// <summary>The carrier sent a negative receipt: sent, then undelivered with an error code.</summary>
    Undelivered,
}

/// <summary>Everything that will happen to one message, decided when it is accepted (so one seed gives one story).</summary>
/// <param name="Queue">From acceptance to the <c>queued</c> callback.</param>
/// <param name="Dispatch">From queued to handing it to the carrier (or failing).</param>
/// <param name="Receipt">From sent to the carrier's delivery receipt.</param>
/// <param name="Read">WhatsApp: from delivered to read.</param>
/// <param name="ErrorCode">For failed and undelivered outcomes.</param>
/// <param name="WillBeRead">WhatsApp only: the recipient reads it (read receipts on).</param>
/// <param name="SentArrivesLate">The <c>sent</c> callback is delivered after the final one, as a late retry would be.</param>
/// <param name="DuplicateSequences">Callbacks (by sequence) delivered twice.</param>
/// <param name="DroppedSequences">Callbacks (by sequence) never delivered (<c>Simulator:DropCallbackRate</c>): the record still changes.</param>
internal sealed record LifecyclePlan(
    TimeSpan Queue,
    TimeSpan Dispatch,
    TimeSpan Receipt,
    TimeSpan Read,
    SimulatedOutcome Outcome,
    string? ErrorCode,
    bool WillBeRead,
    bool SentArrivesLate,
    IReadOnlySet<int> DuplicateSequences,
    IReadOnlySet<int> DroppedSequences);

/// <summary>What the simulator knows about a send when it plans the message's fate.</summary>
/// <param name="Outage">The staged outage that hits this message (its carrier or its sender is down), or null.</param>
internal sealed record PlanInput(
    MessageType Type,
    string From,
    string To,
    string? CountryIso2,
    int? MessageExpirySeconds,
    bool OptedOut,
    bool CountryBarred,
    int NetworkIndex,
    StagedOutage? Outage = null);

/// <summary>
/// Carrier behaviour by destination country: how often messages are delivered, how often receipts come at all,
/// which error codes carriers report (docs/plivo/error-codes.md), and how long each step takes. Figures are plausible,
/// not measured; they make the dashboard's error and delivery views look like real traffic.
/// </summary>
internal static class CarrierModel
{
    private sealed record Profile(double Delivered, double Receipts, (string Code, int Weight)[] Errors);

    private static readonly (string Code, int Weight)[] CommonErrors =
        [("80", 30), ("70", 15), ("20", 12), ("1000", 10), ("30", 8), ("50", 8), ("10", 5), ("90", 5), ("100", 4), ("60", 3)];

    private static readonly Profile Default = new(0.95, 0.97, CommonErrors);

    // US and Canadian carriers filter aggressively (30) and do not always return receipts (docs/plivo/status-callbacks.md).
    private static readonly Dictionary<string, Profile> Profiles = new()
    {
        ["US"] = new(0.93, 0.90, [("30", 30), ("80", 20), ("70", 12), ("1000", 12), ("20", 8), ("50", 8), ("60", 4), ("90", 3), ("100", 3)]),
        ["CA"] = new(0.94, 0.90, [("30", 22), ("80", 22), ("70", 14), ("1000", 12), ("20", 10), ("50", 10), ("90", 5), ("60", 5)]),
        ["IN"] = new(0.90, 0.95, [("30", 12), ("80", 25), ("70", 20), ("90", 12), ("1000", 10), ("20", 11), ("100", 10)]),
        ["BR"] = new(0.88, 0.90, CommonErrors),
        ["ID"] = new(0.87, 0.88, [("20", 25), ("80", 25), ("90", 15), ("1000", 15), ("70", 10), ("100", 10)]),
        ["NG"] = new(0.85, 0.85, [("20", 30), ("90", 20), ("80", 20), ("1000", 20), ("70", 10)]),
        ["KE"] = new(0.86, 0.88, [("20", 30), ("90", 20), ("80", 20), ("1000", 20), ("70", 10)]),
        ["PH"] = new(0.89, 0.90, CommonErrors),
    };

    private static readonly string[] UsTollFreePrefixes = ["1800", "1833", "1844", "1855", "1866", "1877", "1888"];

    public static LifecyclePlan Plan(Random rng, PlanInput input, SimulatorOptions options)
    {
        var scale = options.TimeScale;
        TimeSpan Seconds(double min, double max, double skew = 1) =>
            TimeSpan.FromSeconds((min + (max - min) * Math.Pow(rng.NextDouble(), skew)) * scale);

        var queue = Seconds(0.05, 0.4);
        // Now and then the account's queue backs up (MPS limits); that is when message_expiry bites.
        var backlog = rng.NextDouble() < 0.03;
        var dispatch = backlog ? Seconds(8, 90) : Seconds(0.4, 2.5, 2);
        var receipt = rng.NextDouble() < 0.02 ? Seconds(30, 120) : Seconds(1.5, 15, 2);
        var read = Seconds(3, 45, 2);

        var profile = input.CountryIso2 is { } iso && Profiles.TryGetValue(iso, out var p) ? p : Default;
        var failure = EarlyFailure(rng, input, queue + dispatch, scale);
        SimulatedOutcome outcome;
        string? code = null;
        if (failure is not null)
        {
            outcome = SimulatedOutcome.Failed;
            code = failure;
        }
        else if (input.Outage is { } outage && rng.NextDouble() < StagedOutage.FailureShare)
        {
            // Handed to the carrier, which then reports the outage's code (drawn only in an outage, so that otherwise a
            // seed plays as it always did).
            outcome = SimulatedOutcome.Undelivered;
            code = outage.ErrorCode;
        }
        else if (rng.NextDouble() > (input.Type == MessageType.WhatsApp ? 0.99 : profile.Receipts))
        {
            outcome = SimulatedOutcome.SentOnly;
        }
        else if (rng.NextDouble() < (input.Type == MessageType.WhatsApp ? 0.97 : profile.Delivered))
        {
            outcome = SimulatedOutcome.Delivered;
        }
        else
        {
            outcome = SimulatedOutcome.Undelivered;
            code = Weighted(rng, profile.Errors);
            // Some carriers attach a useful code to few of their failures; Plivo then reports 1000.
            if (input.NetworkIndex % 3 == 2 && rng.NextDouble() < 0.7)
            {
                code = "1000";
            }
        }

        var willBeRead = input.Type == MessageType.WhatsApp && outcome == SimulatedOutcome.Delivered && rng.NextDouble() < 0.6;
        var lastSequence = outcome switch
        {
            SimulatedOutcome.Failed or SimulatedOutcome.SentOnly => 2,
            _ => willBeRead ? 4 : 3,
        };
        var duplicates = new HashSet<int>();
        for (var sequence = 1; sequence <= lastSequence; sequence++)
        {
            if (rng.NextDouble() < options.DuplicateCallbackShare)
            {
                duplicates.Add(sequence);
            }
        }

        var late = lastSequence >= 3 && rng.NextDouble() < options.OutOfOrderShare;
        // Drawn only when asked for, so that with no drops a seed plays exactly as it always did.
        var dropped = new HashSet<int>();
        for (var sequence = 1; options.DropCallbackRate > 0 && sequence <= lastSequence; sequence++)
        {
            if (rng.NextDouble() < options.DropCallbackRate)
            {
                dropped.Add(sequence);
            }
        }

        return new LifecyclePlan(queue, dispatch, receipt, read, outcome, code, willBeRead, late, duplicates, dropped);
    }

    /// <summary>The code of a failure before any carrier sees the message, or null.</summary>
    private static string? EarlyFailure(Random rng, PlanInput input, TimeSpan waited, double scale)
    {
        var roll = rng.NextDouble();
        if (input.OptedOut)
        {
            return "200";
        }

        if (input.CountryBarred)
        {
            return "450";
        }

        if (input.CountryIso2 == "CA" && UsTollFreePrefixes.Any(input.From.StartsWith))
        {
            return "201";
        }

        if (input.Type == MessageType.Mms && input.CountryIso2 is not ("US" or "CA"))
        {
            return "100";
        }

        if (input.MessageExpirySeconds is { } expiry && waited.TotalSeconds / scale > expiry)
        {
            return "420";
        }

        return roll switch
        {
            < 0.002 => "900",
            < 0.005 => "300",
            < 0.007 => "40",
            < 0.011 => "50",
            _ => null,
        };
    }

    private static string Weighted(Random rng, (string Code, int Weight)[] choices)
    {
        var pick = rng.Next(choices.Sum(c => c.Weight));
        foreach (var (code, weight) in choices)
        {
            if ((pick -= weight) < 0)
            {
                return code;
            }
        }

        return choices[^1].Code;
    }

    /// <summary>The destination's mobile network: fixed per number (a stable hash), among its country's operators.</summary>
    public static (MobileNetwork? Network, int Index) NetworkOf(string digits, string? countryIso2)
    {
        var networks = Numbering.Networks.Where(n => n.CountryIso2 == countryIso2).ToList();
        if (networks.Count == 0)
        {
            return (null, 0);
        }

        var index = (int)(StableHash(digits) % (uint)networks.Count);
        return (networks[index], index);
    }

    /// <summary>FNV-1a: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    public static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
