using System.Globalization;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Reports;

namespace Dashboard.Components.Shared;

/// <summary>
/// How the pages write counts, money, rates, durations and phone numbers: invariant, so every screen reads the same.
/// Times of day depend on the viewer's zone: <see cref="ViewerTime"/> and <see cref="LocalTime"/> write those.
/// </summary>
public static class DisplayText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>Exact money as Plivo quotes it (five decimals), with thousands separators: "1,234.56789".</summary>
    public static string Money(long units) => PlivoAmount.ToDecimal(units).ToString("#,0.00000", Culture);

    /// <summary>Money for tiles: "$1,234.57" (rounded to cents; the tables and the CSV keep five decimals).</summary>
    public static string MoneyShort(long units) => "$" + PlivoAmount.ToDecimal(units).ToString("#,0.00", Culture);

    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", Culture) + " %" : "—";

    public static string Duration(TimeSpan? span) => Durations.Format(span);

    /// <summary>
    /// A percentile read from the latency histograms (ADR-014), which is its bucket's upper edge: the first bucket holds
    /// everything from 0 up, so it reads "≤ 100 ms", not "100 ms" (a message sent in 5 ms is in it).
    /// </summary>
    public static string Percentile(TimeSpan? span) =>
        span is { } s && s <= LatencyHistogram.ValueOf(0) ? "≤ " + Duration(s) : Duration(span);

    /// <summary>
    /// Time left as a duration, never like a clock time: "23 h 41 m", "41 m 05 s", "45 s"; seconds only below an
    /// hour, where a ticking countdown needs them.
    /// </summary>
    public static string Countdown(TimeSpan left) => left switch
    {
        { Ticks: <= 0 } => "0 s",
        { TotalMinutes: < 1 } => string.Create(Culture, $"{left.Seconds} s"),
        { TotalHours: < 1 } => string.Create(Culture, $"{left.Minutes} m {left.Seconds:00} s"),
        _ => string.Create(Culture, $"{(int)left.TotalHours} h {left.Minutes} m"),
    };

    /// <summary>
    /// A phone number as E.164 with its "+" ("+14155550100"), however it was stored or typed; short codes and
    /// alphanumeric sender IDs, which are not E.164, as they are.
    /// </summary>
    public static string Number(string? number)
    {
        var digits = Numbering.NormalizeNumber(number);
        return PlivoSendRules.IsValidNumber(digits) ? "+" + digits : number ?? "";
    }

    public static string Type(MessageType type) => type switch
    {
        MessageType.Mms => "MMS",
        MessageType.WhatsApp => "WhatsApp",
        _ => "SMS",
    };
}
