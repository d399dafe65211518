using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;
using Dashboard.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Storage;

/// <summary>A database written by an earlier build opens in this one with all its data (see Fixtures/README.md).</summary>
public sealed class UpgradeTests
{
    /// <summary>The app on a copy of the fixture database instead of a new one.</summary>
    private sealed class FixtureFactory : DashboardFactory
    {
        public FixtureFactory(string fixture)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
            using var source = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", fixture)), CompressionMode.Decompress);
            using var target = File.Create(DatabasePath);
            source.CopyTo(target);
        }

        // The fixture has its own first admin; ours must not be added beside it.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [new("Auth:BootstrapAdmin:UserName", ""), new("Auth:BootstrapAdmin:Password", "")];
    }

    [Fact]
    public async Task DatabaseWrittenByTheNet9BuildOpensWithAllItsData()
    {
        await using var app = new FixtureFactory("main-2026-12-01.db.gz");
        var client = app.CreateClient();

        var read = await client.GetAsync("/api/messages/3dba472e-c220-40ef-a5fc-992ee250f900");
        var undelivered = await client.GetAsync("/api/messages/0d0a1f8f-e673-4c17-b558-e990fb1f55e6");
        var signIn = await SignInTests.SignInAsync(app.CreateAnonymousClient(), "admin", "fixture-password-123");
        await using var db = app.CreateDb();

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var readJson = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal("read", readJson.RootElement.GetProperty("message_state").GetString());
        Assert.Equal("whatsapp", readJson.RootElement.GetProperty("message_type").GetString());
        Assert.Equal("16175550120", readJson.RootElement.GetProperty("to_number").GetString()?.TrimStart('+'));
        using var undeliveredJson = JsonDocument.Parse(await undelivered.Content.ReadAsStringAsync());
        Assert.Equal("undelivered", undeliveredJson.RootElement.GetProperty("message_state").GetString());
        Assert.Equal("0.07000", undeliveredJson.RootElement.GetProperty("total_amount").GetString());
        Assert.Equal(556, await db.Messages.CountAsync());
        Assert.Equal(1968, await db.MessageEvents.CountAsync());
        Assert.Equal(351, await db.Conversations.CountAsync());
        Assert.Equal(1570865, await db.Messages.SumAsync(m => m.TotalAmount ?? 0));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.ToString());
    }

    [Fact]
    public async Task TheMigrationFillsTheLatencyHistogramsFromTheHistoryAlreadyStored()
    {
        await using var app = new FixtureFactory("main-2026-12-01.db.gz");
        _ = app.CreateClient();
        await using var db = app.CreateDb();

        var stored = await LatencyTruth.StoredAsync(db);

        Assert.Equal(await LatencyTruth.FromRowsAsync(db), stored);
        Assert.Equal(
            await db.Messages.CountAsync(m => m.Direction == Core.Messages.MessageDirection.Outbound && m.State == Core.Messages.MessageState.Delivered
                && m.DeliveryReportTime >= (m.QueuedTime ?? m.MessageTime)),
            stored.Where(s => s.Key.Dimension == Core.Reports.ReportDimension.All && s.Key.Stage == Core.Reports.LatencyStage.ToDelivered).Sum(s => s.Value));
        Assert.NotEmpty(stored);
    }
}
