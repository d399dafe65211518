using Dashboard.Core.Messages;

namespace Dashboard.Core.Reports;

/// <summary>
/// What a range of days holds, for the overview tiles. <see cref="Sent"/> is every outbound message;
/// <see cref="Delivered"/> includes WhatsApp's read; <see cref="Pending"/> is still queued or sent without a report.
/// Amounts are in 1/100000 units.
/// </summary>
public sealed record TrafficSummary(
    long Sent, long Delivered, long Undelivered, long Failed, long Pending, long Inbound, long Units, long Amount)
{
    public static TrafficSummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public bool IsEmpty => Sent == 0 && Inbound == 0;

    /// <summary>
    /// Delivered ÷ messages with a final outcome (delivered, undelivered, failed). Messages still waiting for a
    /// report are left out rather than counted as lost: some networks (US/CA carriers) never send one.
    /// Null when nothing has a final outcome yet.
    /// </summary>
    public double? DeliveryRate => Delivered + Undelivered + Failed is var finals and > 0 ? (double)Delivered / finals : null;
}

/// <summary>How often one error code occurred recently, split by state.</summary>
public sealed record ErrorCodeCount(PlivoErrorCode Code, long Failed, long Undelivered)
{
    public long Count => Failed + Undelivered;
}

/// <summary>New messages in one UTC minute.</summary>
public sealed record ThroughputPoint(DateTime Minute, long Outbound, long Inbound)
{
    /// <summary>The start of the UTC minute <paramref name="utc"/> falls in.</summary>
    public static DateTime MinuteOf(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
}
