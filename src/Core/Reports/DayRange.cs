using System.Globalization;

namespace Dashboard.Core.Reports;

/// <summary>
/// A span of whole UTC days, both ends included: the unit the rollups (<see cref="DailyFact"/>) and the report
/// pages work in. Query strings carry it as <c>from</c>/<c>to</c> in <c>yyyy-MM-dd</c>.
/// </summary>
public readonly record struct DayRange
{
    public const string DateFormat = "yyyy-MM-dd";

    public DayRange(DateOnly from, DateOnly to)
    {
        // A reversed range is almost always a typo in a URL: read it the right way round.
        (From, To) = from <= to ? (from, to) : (to, from);
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    /// <summary>Midnight UTC at the start of <see cref="From"/>.</summary>
    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Midnight UTC after <see cref="To"/>: the exclusive end.</summary>
    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public int Days => To.DayNumber - From.DayNumber + 1;

    public static DayRange Today(TimeProvider time) => LastDays(time, 1);

    /// <summary>The last <paramref name="days"/> UTC days, today included.</summary>
    public static DayRange LastDays(TimeProvider time, int days)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DayRange(today.AddDays(1 - Math.Max(1, days)), today);
    }

    /// <summary>From the first of the current UTC month to today.</summary>
    public static DayRange MonthToDate(TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DayRange(new DateOnly(today.Year, today.Month, 1), today);
    }

    /// <summary>
    /// The longest range a report covers: a year, leap day included. Every report reads rollup rows or messages per
    /// day of its range, so the span bounds its cost (and an export's size).
    /// </summary>
    public const int MaxDays = 366;

    /// <summary>How many years back a range may start: older than any history worth a report, and far from <see cref="DateOnly.MinValue"/>.</summary>
    public const int MaxYearsBack = 10;

    /// <summary>
    /// The days any range (and any message-time filter) must fall within: <see cref="MaxYearsBack"/> years back to
    /// tomorrow in UTC (tomorrow: a user east of UTC may already be there), far from the ends of the calendar.
    /// </summary>
    public static DayRange Window(TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return new DayRange(today.AddYears(-MaxYearsBack), today.AddDays(1));
    }

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>
    /// The one rule for every range a page or an API takes: within <see cref="Window"/> and at most
    /// <see cref="MaxDays"/> days long. Returns the problem (naming <c>from</c> or <c>to</c> first), or null.
    /// </summary>
    public static string? Check(DayRange range, TimeProvider time)
    {
        var window = Window(time);
        if (!window.Contains(range.From))
        {
            return $"from {Format(range.From)} is outside the days a report covers ({window})";
        }

        if (!window.Contains(range.To))
        {
            return $"to {Format(range.To)} is outside the days a report covers ({window})";
        }

        return range.Days > MaxDays
            ? $"to {Format(range.To)} is {range.Days} days from {Format(range.From)}: a report covers at most {MaxDays} days"
            : null;
    }

    /// <summary>
    /// Reads <c>from</c>/<c>to</c> as <c>yyyy-MM-dd</c> and checks them (<see cref="Check"/>). A missing end is the
    /// fallback's (but never past the given end: <c>from</c> alone runs to the fallback's last day); both missing give
    /// <paramref name="fallback"/>, and so does an unreadable or refused range, with the error naming the field first
    /// (<c>from ...</c> or <c>to ...</c>), like the message filter does.
    /// </summary>
    public static bool TryParse(string? from, string? to, DayRange fallback, TimeProvider time, out DayRange range, out string? error)
    {
        error = null;
        var hasFrom = TryParseDay(from, out var fromDay);
        var hasTo = TryParseDay(to, out var toDay);
        if (!string.IsNullOrWhiteSpace(from) && !hasFrom)
        {
            error = $"from '{from}' is not a date as {DateFormat}";
        }
        else if (!string.IsNullOrWhiteSpace(to) && !hasTo)
        {
            error = $"to '{to}' is not a date as {DateFormat}";
        }

        range = (hasFrom, hasTo) switch
        {
            (true, true) => new DayRange(fromDay, toDay),
            (true, false) => new DayRange(fromDay, fromDay > fallback.To ? fromDay : fallback.To),
            (false, true) => new DayRange(toDay < fallback.From ? toDay : fallback.From, toDay),
            _ => fallback,
        };
        error ??= Check(range, time);
        if (error is not null)
        {
            range = fallback;
        }

        return error is null;
    }

    /// <summary>The query-string name an error of <see cref="TryParse"/> or <see cref="Check"/> is about.</summary>
    public static string FieldOf(string error) => error.StartsWith("from", StringComparison.Ordinal) ? "from" : "to";

    public static string Format(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    public override string ToString() => From == To ? Format(From) : $"{Format(From)} – {Format(To)}";

    private static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
