using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Dashboard.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Storage__Provider"] = "PostgreSql";
        info.Environment["ConnectionStrings__Dashboard"] = $"Host=127.0.0.1;Port={ClosedPort()};Username=postgres;Database=none;Timeout=5";
        info.Environment["Simulator__Enabled"] = "false";
        info.Environment["Plivo__AuthId"] = DashboardFactory.AuthId;
        info.Environment["Plivo__AuthToken"] = DashboardFactory.AuthToken;
        info.Environment["PublicBaseUrl"] = "http://localhost";
        info.Environment["Logging__LogLevel__Default"] = "None";

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines, l => l.Contains("ConnectionStrings:Dashboard", StringComparison.Ordinal));
        Assert.StartsWith("Cannot reach the PostgreSQL database", line);
        _ = await output;
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

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
