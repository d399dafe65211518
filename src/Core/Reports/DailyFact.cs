using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>The dimensions the reports break totals down by; one rollup row per (day, dimension, key, direction, state).</summary>
public enum ReportDimension
{
    /// <summary>No breakdown: the day's totals by direction and state (key "").</summary>
    All = 0,

    /// <summary>Key: sms, mms or whatsapp.</summary>
    Type = 1,

    /// <summary>Key: ISO 3166 alpha-2, "" when unknown.</summary>
    Country = 2,

    /// <summary>Key: "mcc/mnc", "/" when the carrier was never reported.</summary>
    Carrier = 3,

    /// <summary>Key: Plivo's error code ("000" for success), "" when none.</summary>
    ErrorCode = 4,

    /// <summary>Key: the Powerpack UUID, "" for messages sent from our own numbers.</summary>
    Powerpack = 5,

    /// <summary>Key: the WhatsApp conversation origin, "" when not reported; WhatsApp messages only.</summary>
    Origin = 6,

    /// <summary>Key: the sender number ("" when none); latency histograms only (<see cref="LatencyBucket"/>).</summary>
    Sender = 7,
}

/// <summary>
/// A rollup row: how many messages, units and money one UTC day holds for one key of one dimension, by direction
/// and state. The ingest writer moves a message between rows as it changes, in the same transaction. A report
/// reads one dimension: days × keys × states rows, however many millions of messages those days hold.
/// </summary>
public sealed class DailyFact
{
    public long Id { get; set; }

    /// <summary>The UTC day of the message's <c>MessageTime</c>.</summary>
    public DateOnly Day { get; set; }

    public ReportDimension Dimension { get; set; }

    public string Key { get; set; } = "";

    public MessageDirection Direction { get; set; }

    public MessageState State { get; set; }

    public long Messages { get; set; }

    public long Units { get; set; }

    /// <summary>Sum of <c>TotalAmount</c> in 1/100000 units.</summary>
    public long Amount { get; set; }

    /// <summary>The keys a message counts under, one per dimension it has.</summary>
    public static IEnumerable<(ReportDimension Dimension, string Key)> KeysOf(
        MessageType type, string? countryIso2, string? mcc, string? mnc, string? errorCode, string? powerpackUuid, string? conversationOrigin)
    {
        yield return (ReportDimension.All, "");
        yield return (ReportDimension.Type, PlivoNames.Of(type));
        yield return (ReportDimension.Country, countryIso2 ?? "");
        yield return (ReportDimension.Carrier, $"{mcc}/{mnc}");
        yield return (ReportDimension.ErrorCode, errorCode ?? "");
        yield return (ReportDimension.Powerpack, powerpackUuid ?? "");
        if (type == MessageType.WhatsApp)
        {
            yield return (ReportDimension.Origin, conversationOrigin ?? "");
        }
    }
}
