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
    /// page, one CSV (see <see cref="CostCsv"/>). Without dates: the current month to date, as the page.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetCostsCsv(
        string? from, string? to, string? group, ReportQueries reports, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DayRange.TryParse(from, to, DayRange.MonthToDate(time), out var range, out var rangeError))
        {
            errors[rangeError!.StartsWith("from", StringComparison.Ordinal) ? "from" : "to"] = [rangeError];
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

        var report = await reports.GetCostReportAsync(range, period, cancellationToken);
        await using var text = new StringWriter();
        await CostCsv.WriteAsync(report, text, cancellationToken);
        var name = $"costs-{DayRange.Format(range.From)}-{DayRange.Format(range.To)}-{CostReport.Name(period)}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name);
    }
}
