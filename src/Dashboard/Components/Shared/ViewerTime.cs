using System.Globalization;

namespace Dashboard.Components.Shared;

/// <summary>How precisely a time is written.</summary>
public enum TimePrecision
{
    Minutes,
    Seconds,
    Milliseconds,
}

/// <summary>
/// The one place that knows the viewer's time zone (scoped: one per circuit) and writes times in it. Times are
/// stored and compared in UTC; only what a person reads is converted, always with its offset ("UTC+1") so a time
/// is never ambiguous, and with the UTC time for a hover title (<see cref="LocalTime"/> renders both).
/// The zone is the browser's (a cookie set by <c>wwwroot/viewer.js</c>, read by <c>Routes</c> through
/// <see cref="Use"/>); UTC until it is known or when the browser names a zone this machine does not have.
/// </summary>
public sealed class ViewerTime
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Shows times in the IANA zone <paramref name="timeZoneId"/>; unknown or empty keeps UTC.</summary>
    public void Use(string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            Zone = zone;
        }
    }

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(AsUtc(utc), Zone);

    /// <summary>
    /// The start of the viewer's day that <paramref name="utc"/> falls on, in UTC: the viewer's "today" begins here
    /// (ADR-010). Where midnight does not exist (a daylight-saving jump at midnight), the day starts an hour later.
    /// </summary>
    public DateTime StartOfDayUtc(DateTime utc)
    {
        var midnight = ToLocal(utc).Date;
        return TimeZoneInfo.ConvertTimeToUtc(Zone.IsInvalidTime(midnight) ? midnight.AddHours(1) : midnight, Zone);
    }

    /// <summary>"2026-11-20 11:00:01 UTC+1" in the viewer's zone; "—" for no time.</summary>
    public string Format(DateTime? utc, TimePrecision precision = TimePrecision.Seconds) =>
        utc is { } t ? $"{ToLocal(t).ToString(Pattern(precision), Culture)} {Offset(t)}" : "—";

    /// <summary>Only the time of day when it is on the viewer's today, else the date too: for lists.</summary>
    public string FormatShort(DateTime utc, DateTime nowUtc)
    {
        var local = ToLocal(utc);
        var pattern = local.Date == ToLocal(nowUtc).Date ? "HH:mm" : "yyyy-MM-dd HH:mm";
        return $"{local.ToString(pattern, Culture)} {Offset(utc)}";
    }

    /// <summary>The label of the viewer's zone at <paramref name="utc"/>: "UTC", "UTC+1", "UTC+5:30", "UTC-3".</summary>
    public string Offset(DateTime utc)
    {
        var offset = Zone.GetUtcOffset(AsUtc(utc));
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }

        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(Culture, $"UTC{sign}{abs.Hours}")
            : string.Create(Culture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }

    /// <summary>The exact UTC time, for hover titles: "2026-11-20 10:00:01.250 UTC".</summary>
    public static string Utc(DateTime? utc) => utc is { } t ? AsUtc(t).ToString("yyyy-MM-dd HH:mm:ss.fff", Culture) + " UTC" : "";

    /// <summary>ISO 8601 in UTC, for the <c>datetime</c> attribute of a <c>&lt;time&gt;</c> element.</summary>
    public static string Iso(DateTime utc) => AsUtc(utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Culture);

    private static string Pattern(TimePrecision precision) => precision switch
    {
        TimePrecision.Minutes => "yyyy-MM-dd HH:mm",
        TimePrecision.Milliseconds => "yyyy-MM-dd HH:mm:ss.fff",
        _ => "yyyy-MM-dd HH:mm:ss",
    };

    // Stored times are UTC but SQLite hands them back as Unspecified.
    private static DateTime AsUtc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
