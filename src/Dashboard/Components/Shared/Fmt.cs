using System.Globalization;
using Dashboard.Core.Messages;

namespace Dashboard.Components.Shared;

/// <summary>How the pages write numbers, money, rates and times: invariant, so every screen reads the same.</summary>
public static class Fmt
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Count(long value) => value.ToString("N0", Culture);

    /// <summary>Exact money as Plivo quotes it (five decimals), with thousands separators: "1,234.56789".</summary>
    public static string Money(long units) => PlivoAmount.ToDecimal(units).ToString("#,0.00000", Culture);

    /// <summary>Money for tiles: "$1,234.57" (rounded to cents; the tables and the CSV keep five decimals).</summary>
    public static string MoneyShort(long units) => "$" + PlivoAmount.ToDecimal(units).ToString("#,0.00", Culture);

    public static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", Culture) + " %" : "—";

    public static string Duration(TimeSpan? span) => Durations.Format(span);

    /// <summary>A UTC time as the log shows it: "2026-11-20 10:00:01.250".</summary>
    public static string Time(DateTime? utc) => utc is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss.fff", Culture) : "—";

    public static string Type(MessageType type) => type switch
    {
        MessageType.Mms => "MMS",
        MessageType.WhatsApp => "WhatsApp",
        _ => "SMS",
    };
}
