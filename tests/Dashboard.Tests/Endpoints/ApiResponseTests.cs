using System.Net;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Endpoints;

/// <summary>How the APIs answer whatever happens: never cached, errors as problem+json (an app of its own: one test breaks its database).</summary>
public class ApiResponseTests(DashboardFactory app) : IClassFixture<DashboardFactory>
{
    [Theory]
    [InlineData("/api/messages")]
    [InlineData("/api/messages/2f0c1d8e-0000-4000-8000-000000000000")]
    [InlineData("/api/reports/costs.csv")]
    [InlineData("/api/reports/costs.csv?group=fortnight")]
    public async Task ApiResponsesAreNeverStored(string path)
    {
        using var response = await app.CreateClient().GetAsync(path);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} answers Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task FailureInTheCsvExportIsProblemJsonNotAnHtmlPage()
    {
        await using (var db = app.CreateDb())
        {
            // The database losing a table is the failure a report can meet at run time.
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE DailyFacts RENAME TO DailyFactsGone");
        }

        try
        {
            using var response = await app.CreateClient().GetAsync("/api/reports/costs.csv?from=2026-11-01&to=2026-11-30");

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoStore);
        }
        finally
        {
            await using var db = app.CreateDb();
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE DailyFactsGone RENAME TO DailyFacts");
        }
    }
}
