using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>
/// A rollup row: how many messages, units and money one day holds for one combination of the report
/// dimensions. The ingest writer moves a message between buckets as its state changes, in the same
/// transaction, so the error and cost pages read thousands of rows instead of millions of messages.
/// Text dimensions use "" for "none" so the unique key works (SQLite treats NULLs as distinct).
/// </summary>
public sealed class DailyTotal
{
    public long Id { get; set; }

    /// <summary>The UTC day of the message's <c>MessageTime</c>.</summary>
    public DateOnly Day { get; set; }

    public MessageDirection Direction { get; set; }

    public MessageType Type { get; set; }

    public MessageState State { get; set; }

    public string CountryIso2 { get; set; } = "";

    public string ErrorCode { get; set; } = "";

    public string Mcc { get; set; } = "";

    public string Mnc { get; set; } = "";

    public string ConversationOrigin { get; set; } = "";

    public string PowerpackUuid { get; set; } = "";

    public long Messages { get; set; }

    public long Units { get; set; }

    /// <summary>Sum of <c>TotalAmount</c> in 1/100000 units.</summary>
    public long Amount { get; set; }
}
