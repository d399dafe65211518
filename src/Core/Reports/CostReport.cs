using System.Globalization;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>The period the cost totals are grouped by (<c>group=day|week|month</c> in query strings).</summary>
public enum CostPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>One line of a cost breakdown: messages, Plivo units (SMS segments) and amount in 1/100000 units.</summary>
public sealed record CostRow(string Key, string Label, long Messages, long Units, long Amount);

/// <summary>
/// The current month's spend so far and where it ends at the same rate: spend ÷ elapsed days × days in the month.
/// </summary>
public sealed record MonthEndProjection(DateOnly Month, long SpentSoFar, long Projected, double ElapsedDays, int DaysInMonth);

/// <summary>Spend over a range, by period and by every dimension the rollup keeps; rows largest amount first.</summary>
/// <param name="WastedByErrorCode">Money spent on messages that failed or went undelivered, by error code.</param>
/// <param name="WastedByCarrier">The same money by carrier.</param>
public sealed record CostReport(
    DayRange Range,
    CostPeriod Period,
    CostRow Total,
    IReadOnlyList<CostRow> ByPeriod,
    IReadOnlyList<CostRow> ByType,
    IReadOnlyList<CostRow> ByDirection,
    IReadOnlyList<CostRow> ByCountry,
    IReadOnlyList<CostRow> ByPowerpack,
    IReadOnlyList<CostRow> ByConversationOrigin,
    IReadOnlyList<CostRow> WastedByErrorCode,
    IReadOnlyList<CostRow> WastedByCarrier,
    MonthEndProjection Projection)
{
    public bool IsEmpty => Total.Messages == 0 && Total.Amount == 0;

    public long Wasted => WastedByErrorCode.Sum(r => r.Amount);

    /// <summary>Amount per UTC day and message type (sms, mms, whatsapp), for the spend chart; empty days left out.</summary>
    public IReadOnlyList<(DateOnly Day, string Type, long Amount)> TypesByDay { get; init; } = [];

    public static bool TryParsePeriod(string? text, out CostPeriod period)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "day": period = CostPeriod.Day; return true;
            case "week": period = CostPeriod.Week; return true;
            case "month": period = CostPeriod.Month; return true;
            default: period = CostPeriod.Day; return false;
        }
    }

    public static string Name(CostPeriod period) => period.ToString().ToLowerInvariant();
}

public sealed partial class ReportQueries
{
    /// <summary>Spend of <paramref name="range"/> grouped by period and every rollup dimension, plus the month-end projection.</summary>
    public async Task<CostReport> GetCostReportAsync(DayRange range, CostPeriod period, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IQueryable<DailyFact> Wasted(ReportDimension dimension) =>
            Rollup(db, range, dimension).Where(t => t.State == MessageState.Failed || t.State == MessageState.Undelivered);

        var days = await SumByAsync(Rollup(db, range, ReportDimension.All), t => t.Day, cancellationToken);
        var types = await SumByAsync(Rollup(db, range, ReportDimension.Type), t => t.Key, cancellationToken);
        var typeDays = await SumByAsync(Rollup(db, range, ReportDimension.Type), t => new { t.Day, t.Key }, cancellationToken);
        var directions = await SumByAsync(Rollup(db, range, ReportDimension.All), t => t.Direction, cancellationToken);
        var countries = await SumByAsync(Rollup(db, range, ReportDimension.Country), t => t.Key, cancellationToken);
        var powerpacks = await SumByAsync(Rollup(db, range, ReportDimension.Powerpack), t => t.Key, cancellationToken);
        var origins = await SumByAsync(Rollup(db, range, ReportDimension.Origin), t => t.Key, cancellationToken);
        var wastedCodes = await SumByAsync(Wasted(ReportDimension.ErrorCode), t => t.Key, cancellationToken);
        var wastedCarriers = await SumByAsync(Wasted(ReportDimension.Carrier), t => t.Key, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var month = new DateOnly(now.Year, now.Month, 1);
        var monthToDate = await Rollup(db, new DayRange(month, DateOnly.FromDateTime(now)), ReportDimension.All).SumAsync(t => t.Amount, cancellationToken);

        return new CostReport(
            range,
            period,
            new CostRow("total", "Total", days.Sum(d => d.Messages), days.Sum(d => d.Units), days.Sum(d => d.Amount)),
            Periods(range, period, days),
            Rows(types, t => t, TypeLabel),
            Rows(directions, d => PlivoNames.Of(d), d => d == MessageDirection.Inbound ? "Inbound" : "Outbound"),
            Rows(countries, iso => iso, iso => iso == "" ? "Unknown country" : CountryName(iso) ?? iso),
            Rows(powerpacks, p => p, p => p == "" ? "No Powerpack (own number)" : p),
            Rows(origins, o => o, o => o == "" ? "No conversation reported" : char.ToUpperInvariant(o[0]) + o[1..]),
            Rows(wastedCodes, c => c, c => c == "" ? "No error code reported" : $"{c} · {PlivoErrorCodes.Describe(c).Name}"),
            Rows(wastedCarriers, c => c == "/" ? "" : c, c => c == "/"
                ? "No carrier reported"
                : Numbering.Network(c[..c.IndexOf('/')], c[(c.IndexOf('/') + 1)..])?.Name ?? $"Unknown network {c}"),
            Project(month, monthToDate, now))
        {
            TypesByDay = [.. typeDays.Select(d => (d.Key.Day, d.Key.Key, d.Amount))],
        };
    }

    /// <summary>Spend so far ÷ elapsed fraction of the month; nothing is projected in the month's first minute.</summary>
    internal static MonthEndProjection Project(DateOnly month, long spentSoFar, DateTime nowUtc)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var elapsed = (nowUtc - month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)).TotalDays;
        var projected = elapsed < 1.0 / 1440 ? spentSoFar : (long)Math.Round(spentSoFar / elapsed * daysInMonth, MidpointRounding.AwayFromZero);
        return new MonthEndProjection(month, spentSoFar, projected, elapsed, daysInMonth);
    }

    /// <summary>Every period of the range (empty ones as zeros, so a chart keeps its time axis), oldest first.</summary>
    private static List<CostRow> Periods(DayRange range, CostPeriod period, List<Sum<DateOnly>> days)
    {
        static DateOnly Start(DateOnly day, CostPeriod period) => period switch
        {
            // ISO weeks start on Monday.
            CostPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            CostPeriod.Month => new DateOnly(day.Year, day.Month, 1),
            _ => day,
        };

        static DateOnly Next(DateOnly start, CostPeriod period) => period switch
        {
            CostPeriod.Week => start.AddDays(7),
            CostPeriod.Month => start.AddMonths(1),
            _ => start.AddDays(1),
        };

        var rows = new List<CostRow>();
        for (var start = Start(range.From, period); start <= range.To; start = Next(start, period))
        {
            var end = Next(start, period);
            var of = days.Where(d => d.Key >= start && d.Key < end).ToList();
            var (key, label) = period switch
            {
                CostPeriod.Week => (DayRange.Format(start),
                    $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00} (from {start.ToString("d MMM", CultureInfo.InvariantCulture)})"),
                CostPeriod.Month => (start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start.ToString("MMMM yyyy", CultureInfo.InvariantCulture)),
                _ => (DayRange.Format(start), start.ToString("ddd d MMM", CultureInfo.InvariantCulture)),
            };
            rows.Add(new CostRow(key, label, of.Sum(d => d.Messages), of.Sum(d => d.Units), of.Sum(d => d.Amount)));
        }

        return rows;
    }

    private static List<CostRow> Rows<TKey>(List<Sum<TKey>> sums, Func<TKey, string> key, Func<TKey, string> label) =>
        [.. sums.Select(s => new CostRow(key(s.Key), label(s.Key), s.Messages, s.Units, s.Amount))
            .OrderByDescending(r => r.Amount).ThenByDescending(r => r.Messages).ThenBy(r => r.Key, StringComparer.Ordinal)];
}
