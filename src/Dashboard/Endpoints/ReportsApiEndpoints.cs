using Dashboard.Security;
using System.Text;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Endpoints;

/// <summary>
/// Report exports, one file per purpose, with the costs page's own query (<c>from</c>, <c>to</c>, <c>group</c>): the
/// summary of the page, and one row per message for reconciling with Plivo's MDRs. Neither has rows for days that
/// have not happened yet (UTC, like the ranges: ADR-010).
/// </summary>
public static class ReportsApiEndpoints
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").RequireAuthorization(Policies.Costs).WithTags("Reports");
        group.MapGet("/costs.csv", GetCostsCsv);
        group.MapGet("/costs/messages.csv", GetMessageCostsCsv);
        return app;
    }

    /// <summary>
    /// <c>GET /api/reports/costs.csv?from=2026-11-01&amp;to=2026-11-30&amp;group=day</c>: every section of the costs
    /// page, one CSV (see <see cref="CostCsv"/>). Without dates: the current month to date, as the page. The range obeys
    /// the reports' one rule (<see cref="DayRange.Check"/>); the CSV is written straight to the response.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> GetCostsCsv(
        string? from, string? to, string? group, ReportQueries reports, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(from, to, group, time, out var range, out var period) is { } problem)
        {
            return problem;
        }

        // Read before the first byte is sent, so a failing query is still answered as a problem, not a cut-off file.
        var report = await reports.GetCostReportAsync(range, period, cancellationToken);
        var name = $"costs-{DayRange.Format(range.From)}-{DayRange.Format(range.To)}-{CostReport.Name(period)}.csv";
        return TypedResults.Stream(async body =>
        {
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            await CostCsv.WriteAsync(report, text, cancellationToken);
        }, "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// <c>GET /api/reports/costs/messages.csv?from=2026-11-01&amp;to=2026-11-30</c>: every message of the range, one row
    /// each under Plivo's MDR field names (<see cref="CostCsv.WriteMessagesAsync"/>), read and written one at a time.
    /// </summary>
    public static Results<PushStreamHttpResult, ProblemHttpResult> GetMessageCostsCsv(
        string? from, string? to, ReportQueries reports, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Check(from, to, null, time, out var range, out _) is { } problem)
        {
            return problem;
        }

        var name = $"messages-{DayRange.Format(range.From)}-{DayRange.Format(range.To)}.csv";
        return TypedResults.Stream(async body =>
        {
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            await CostCsv.WriteMessagesAsync(reports.StreamMessageCostsAsync(range, cancellationToken), text, cancellationToken);
        }, "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// Reads the query as the costs page does and ends the range at today (UTC): an export has no rows for days that
    /// have not happened. Returns the problem to answer, or null.
    /// </summary>
    private static ProblemHttpResult? Check(string? from, string? to, string? group, TimeProvider time, out DayRange range, out CostPeriod period)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DayRange.TryParse(from, to, DayRange.MonthToDate(time), time, out range, out var rangeError))
        {
            errors[DayRange.FieldOf(rangeError!)] = [rangeError!];
        }

        if (!CostReport.TryParsePeriod(group, out period))
        {
            errors["group"] = [$"group '{group}' is not one of day, week, month"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Invalid report query",
                Detail = string.Join("; ", errors.Values.SelectMany(e => e)),
                Extensions = { ["errors"] = errors },
            });
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        range = range.To <= today ? range : new DayRange(range.From > today ? today : range.From, today);
        return null;
    }
}
