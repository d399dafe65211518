using Dashboard.Security;
using System.Text;
using Dashboard.Core.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Endpoints;

/// <summary>Report exports: the costs page as CSV, with the page's own query (<c>from</c>, <c>to</c>, <c>group</c>).</summary>
public static class ReportsApiEndpoints
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").RequireAuthorization(Policies.Costs).WithTags("Reports");
        group.MapGet("/costs.csv", GetCostsCsv);
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
        var errors = new Dictionary<string, string[]>();
        if (!DayRange.TryParse(from, to, DayRange.MonthToDate(time), time, out var range, out var rangeError))
        {
            errors[DayRange.FieldOf(rangeError!)] = [rangeError!];
        }

        if (!CostReport.TryParsePeriod(group, out var period))
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

        // Read before the first byte is sent, so a failing query is still answered as a problem, not a cut-off file.
        var report = await reports.GetCostReportAsync(range, period, cancellationToken);
        var name = $"costs-{DayRange.Format(range.From)}-{DayRange.Format(range.To)}-{CostReport.Name(period)}.csv";
        return TypedResults.Stream(async body =>
        {
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            await CostCsv.WriteAsync(report, text, cancellationToken);
        }, "text/csv; charset=utf-8", name);
    }
}
