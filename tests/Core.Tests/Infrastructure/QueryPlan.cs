using System.Data.Common;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>PostgreSQL's plan for a statement, for the tests that check how a query is run (an index, not a scan).</summary>
public static class QueryPlan
{
    /// <summary>Runs <paramref name="explain"/> (an <c>EXPLAIN …</c> command) and returns its plan, one line per row.</summary>
    public static async Task<string> ReadAsync(DbCommand explain)
    {
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join("\n", plan);
    }
}
