using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Bench;

/// <summary>The report pages' queries (errors, costs), timed beside the message log's.</summary>
internal static class ReportCases
{
    public static IEnumerable<(string Name, Func<Task> Run)> For(IDbContextFactory<DashboardDb> factory) => [];
}
