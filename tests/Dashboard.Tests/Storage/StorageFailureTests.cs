using System.Net;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Tests.Storage;

/// <summary>
/// PostgreSQL away (ADR-009): at start the app stops with one line naming the setting and a non-zero exit; while it
/// runs, webhooks answer 503 (never 200 without storing) and are stored again once the server is back.
/// </summary>
public class StorageFailureTests
{
    [Fact]
    public async Task UnreachableAtStartExitsNonZeroWithOneLineNamingTheSetting()
    {
        var (exitCode, errorLines) = await StartFailure.RunAsync(
            ("Storage__Provider", "PostgreSql"),
            ("ConnectionStrings__Dashboard", $"Host=127.0.0.1;Port={StartFailure.ClosedPort()};Username=postgres;Database=none;Timeout=5"));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(errorLines, l => l.Contains("ConnectionStrings:Dashboard", StringComparison.Ordinal));
        Assert.StartsWith("Cannot reach the PostgreSQL database", line);
    }

    [Fact]
    public async Task WebhooksAnswer503WhileTheDatabaseIsAwayAndAreStoredOnceItIsBack()
    {
        var server = await PostgresServer.GetAsync();
        var direct = await server.CreateDatabaseAsync();
        using var proxy = new TcpProxy(server.Port);
        proxy.Start();
        var viaProxy = new NpgsqlConnectionStringBuilder(direct) { Port = proxy.Port, Pooling = false }.ConnectionString;
        try
        {
            await using var app = new PostgreSqlDashboardFactory(viaProxy);
            var before = Callbacks.Status(Callbacks.NewUuid(), "queued", 1);
            Assert.Equal(HttpStatusCode.OK, (await app.PostSignedAsync("/plivo/status", before)).StatusCode);

            proxy.Stop();
            var during = Callbacks.Status(Callbacks.NewUuid(), "queued", 1);
            using (var refused = await app.PostSignedAsync("/plivo/status", during))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.True(refused.Headers.RetryAfter is not null);
            }

            proxy.Start();
            // Plivo's retry of the refused callback, once the server is back.
            Assert.Equal(HttpStatusCode.OK, (await app.PostSignedAsync("/plivo/status", during)).StatusCode);

            await using var db = new Core.Storage.DashboardDbFactory(new Core.Storage.StorageOptions
            {
                Provider = Core.Storage.StorageProvider.PostgreSql, ConnectionString = direct,
            }).CreateDbContext();
            var uuids = new[] { before, during }.Select(f => f.First(p => p.Key == "MessageUUID").Value).ToList();
            Assert.Equal(2, await db.Messages.CountAsync(m => uuids.Contains(m.MessageUuid)));
            Assert.Equal(2, await db.MessageEvents.CountAsync());
        }
        finally
        {
            proxy.Stop();
            await server.DropDatabaseAsync(direct);
        }
    }
}
