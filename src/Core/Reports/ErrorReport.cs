using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>
/// One bucket of failed and undelivered messages (an error code, a carrier, a country, a type).
/// </summary>
/// <param name="Key">The bucket's value as stored ("30", "310/410", "US", "sms"); "" when none was reported.</param>
/// <param name="Label">What people call it (Plivo's name for the code, the network, the country).</param>
/// <param name="Detail">A second line: the code's meaning, the carrier's country.</param>
/// <param name="Outbound">Every outbound message of the bucket in the range, for the error rate; 0 for error codes.</param>
/// <param name="LogFilter">
/// The message-log filter that selects this bucket; null when the log cannot filter
/// on it (no code or no carrier reported).
/// </param>
public sealed record ErrorBucket(
    string Key,
    string Label,
    string? Detail,
    long Failed,
    long Undelivered,
    long Outbound,
    MessageFilter? LogFilter)
{
    public long Errors => Failed + Undelivered;

    /// <summary>Errors ÷ outbound messages of the bucket; null when the bucket has no outbound total.</summary>
    public double? ErrorRate => Outbound > 0 ? (double)Errors / Outbound : null;

    /// <summary>The catalog entry when the bucket is an error code.</summary>
    public PlivoErrorCode? Code { get; init; }
}

/// <summary>Failed plus undelivered messages of one error code ("" when none was reported) on one day.</summary>
public sealed record ErrorCodeDay(DateOnly Day, string Code, long Errors);

/// <summary>Failed and undelivered messages of one day.</summary>
public sealed record ErrorDay(DateOnly Day, long Failed, long Undelivered, long Outbound);

/// <summary>Failed and undelivered messages of a range, broken down; buckets largest first.</summary>
public sealed record ErrorReport(
    DayRange Range,
    long Outbound,
    long Failed,
    long Undelivered,
    IReadOnlyList<ErrorBucket> ByErrorCode,
    IReadOnlyList<ErrorBucket> ByCarrier,
    IReadOnlyList<ErrorBucket> ByCountry,
    IReadOnlyList<ErrorBucket> ByType,
    IReadOnlyList<ErrorDay> ByDay)
{
    public long Errors => Failed + Undelivered;

    public bool IsEmpty => Errors == 0;

    /// <summary>Errors per day and code, for the chart of the top codes over time; days without errors left out.</summary>
    public IReadOnlyList<ErrorCodeDay> CodesByDay { get; init; } = [];
}

public sealed partial class ReportQueries
{
    /// <summary>
    /// Failed and undelivered messages of <paramref name="range"/> by error code, carrier, destination country,
    /// type and day (and code by day): six grouped reads of the rollup.
    /// </summary>
    public async Task<ErrorReport> GetErrorReportAsync(DayRange range, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IQueryable<DailyFact> Outbound(ReportDimension dimension) =>
            Rollup(db, range, dimension).Where(t => t.Direction == MessageDirection.Outbound);

        var codes = await SumByAsync(
            Outbound(ReportDimension.ErrorCode).Where(t => t.State == MessageState.Failed || t.State == MessageState.Undelivered),
            t => new { ErrorCode = t.Key, t.State }, cancellationToken);
        var carriers = await SumByAsync(Outbound(ReportDimension.Carrier), t => new { Carrier = t.Key, t.State }, cancellationToken);
        var countries = await SumByAsync(Outbound(ReportDimension.Country), t => new { CountryIso2 = t.Key, t.State }, cancellationToken);
        var types = await SumByAsync(Outbound(ReportDimension.Type), t => new { Type = t.Key, t.State }, cancellationToken);
        var days = await SumByAsync(Outbound(ReportDimension.All), t => new { t.Day, t.State }, cancellationToken);
        var codeDays = await SumByAsync(
            Outbound(ReportDimension.ErrorCode).Where(t => t.State == MessageState.Failed || t.State == MessageState.Undelivered),
            t => new { t.Day, t.Key }, cancellationToken);

        var byCode = Buckets(codes, s => s.Key.ErrorCode, s => s.Key.State, code =>
        {
            var described = PlivoErrorCodes.Describe(code);
            return new ErrorBucket(code, code == "" ? "No error code reported" : described.Name, described.Meaning, 0, 0, 0,
                code == "" ? null : new MessageFilter { ErrorCode = code }) { Code = described };
        }).Select(b => b with { Outbound = 0 }).ToList();
        var byCarrier = Buckets(carriers, s => s.Key.Carrier, s => s.Key.State, key =>
        {
            var (mcc, mnc) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
            if (mcc == "" && mnc == "")
            {
                return new ErrorBucket("", "No carrier reported", "Plivo sends MCC/MNC only once a carrier took the message", 0, 0, 0, null);
            }

            var network = Numbering.Network(mcc, mnc);
            var country = CountryName(network?.CountryIso2 ?? Numbering.CountryIsoOfMcc(mcc));
            return new ErrorBucket(key, network?.Name ?? $"Unknown network {key}", country, 0, 0, 0, new MessageFilter { Mcc = mcc, Mnc = mnc });
        });
        var byCountry = Buckets(countries, s => s.Key.CountryIso2, s => s.Key.State, iso => iso == ""
            ? new ErrorBucket("", "Unknown country", null, 0, 0, 0, null)
            : new ErrorBucket(iso, CountryName(iso) ?? iso, iso, 0, 0, 0, new MessageFilter { CountryIso2 = iso }));
        var byType = Buckets(types, s => s.Key.Type, s => s.Key.State, type =>
            new ErrorBucket(type, TypeLabel(type), null, 0, 0, 0, PlivoNames.TryParseType(type, out var t) ? new MessageFilter { Type = t } : null));

        var byDay = new List<ErrorDay>(range.Days);
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var of = days.Where(s => s.Key.Day == day).ToList();
            byDay.Add(new ErrorDay(day,
                of.Where(s => s.Key.State == MessageState.Failed).Sum(s => s.Messages),
                of.Where(s => s.Key.State == MessageState.Undelivered).Sum(s => s.Messages),
                of.Sum(s => s.Messages)));
        }

        return new ErrorReport(range, byDay.Sum(d => d.Outbound), byDay.Sum(d => d.Failed), byDay.Sum(d => d.Undelivered),
            byCode, byCarrier, byCountry, byType, byDay)
        {
            CodesByDay = [.. codeDays.Select(d => new ErrorCodeDay(d.Key.Day, d.Key.Key, d.Messages)).OrderBy(d => d.Day).ThenBy(d => d.Code, StringComparer.Ordinal)],
        };
    }

    /// <summary>
    /// Pivots (key, state) sums into buckets: failed, undelivered and every outbound message of the key; keeps the
    /// keys that have errors, largest first.
    /// </summary>
    private static List<ErrorBucket> Buckets<TKey>(
        List<Sum<TKey>> sums, Func<Sum<TKey>, string> key, Func<Sum<TKey>, MessageState> state, Func<string, ErrorBucket> describe) =>
        [.. sums.GroupBy(key, StringComparer.Ordinal)
            .Select(g => describe(g.Key) with
            {
                Failed = g.Where(s => state(s) == MessageState.Failed).Sum(s => s.Messages),
                Undelivered = g.Where(s => state(s) == MessageState.Undelivered).Sum(s => s.Messages),
                Outbound = g.Sum(s => s.Messages),
            })
            .Where(b => b.Errors > 0)
            .OrderByDescending(b => b.Errors).ThenBy(b => b.Key, StringComparer.Ordinal)];

    internal static string? CountryName(string? iso2) =>
        string.IsNullOrEmpty(iso2) ? null : Numbering.Countries.FirstOrDefault(c => c.Iso2 == iso2)?.Name ?? iso2;

    public static string TypeLabel(string plivoType) => plivoType switch
    {
        "mms" => "MMS",
        "whatsapp" => "WhatsApp",
        _ => "SMS",
    };
}
