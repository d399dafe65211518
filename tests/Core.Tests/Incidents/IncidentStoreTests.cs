using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Incidents;

/// <summary>Incidents stored and changed on SQLite; <see cref="PostgreSqlIncidentStoreTests"/> runs them on PostgreSQL.</summary>
public class IncidentStoreTests
{
    private static readonly IncidentKey Carrier20 = new(IncidentDimension.Carrier, "20", "310/410");

    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>One instance of the app: its detector, store and monitor on the shared database.</summary>
    private sealed record Instance(IncidentDetector Detector, IncidentStore Store, IncidentMonitor Monitor, LiveFeed Feed);

    private static Instance StartInstance(TempDatabase database)
    {
        var detector = new IncidentDetector(Options.Create(new IncidentOptions()), database.Time);
        var feed = new LiveFeed();
        var store = new IncidentStore(new TestDbFactory(database), detector, feed, database.Time);
        return new Instance(detector, store, new IncidentMonitor(detector, store, database.Time, NullLogger<IncidentMonitor>.Instance), feed);
    }

    private static ObservedFailure[] Failures(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new ObservedFailure("20", "310", "410", "14155550100", "US", 650))];

    private async Task<(TempDatabase Database, Instance App)> StartAsync()
    {
        var database = await TempDatabase.CreateAsync(provider: Provider);
        var app = StartInstance(database);
        database.Time.Advance(TimeSpan.FromHours(1));
        return (database, app);
    }

    [Fact]
    public async Task ASpikeIsStoredAsOneOpenIncidentOpenedByTheDetector()
    {
        var (database, app) = await StartAsync();
        await using var _ = database;
        using var feed = app.Feed.Subscribe();

        app.Detector.Observe(Failures(25));
        await app.Monitor.FlushAsync();

        var incident = Assert.Single(await app.Store.ListAsync());
        Assert.Equal((Carrier20, IncidentState.Open, 25L, 25L * 650), (incident.Key, incident.State, incident.Failures, incident.WastedAmount));
        var opened = Assert.Single(incident.Events);
        Assert.Equal((IncidentEventKind.Opened, (string?)null, database.Time.GetUtcNow().UtcDateTime), (opened.Kind, opened.By, opened.At));
        Assert.Equal([25], incident.SeriesValues());
        Assert.True(feed.Reader.TryRead(out var change));
        Assert.Equal(new IncidentChange(incident.Id, IncidentEventKind.Opened, database.Time.GetUtcNow().UtcDateTime), change);
        Assert.False(feed.Reader.TryRead(out var more), $"one change only, then {more}");
    }

    [Fact]
    public async Task FurtherFailuresAddUpAndAQuietPeriodClosesIt()
    {
        var (database, app) = await StartAsync();
        await using var _ = database;
        app.Detector.Observe(Failures(25));
        await app.Monitor.FlushAsync();

        database.Time.Advance(TimeSpan.FromMinutes(1));
        app.Detector.Observe(Failures(5));
        await app.Monitor.FlushAsync();
        database.Time.Advance(TimeSpan.FromMinutes(16));
        await app.Monitor.FlushAsync();

        var incident = Assert.Single(await app.Store.ListAsync());
        Assert.Equal((IncidentState.Closed, 30L, (string?)null), (incident.State, incident.Failures, incident.OpenKey));
        Assert.Equal(database.Time.GetUtcNow().UtcDateTime, incident.EndedAt);
        Assert.Equal([IncidentEventKind.Opened, IncidentEventKind.ClosedQuiet], incident.Events.Select(e => e.Kind));
        Assert.Empty(await app.Store.OpenIncidentsAsync());
    }

    [Fact]
    public async Task AcknowledgingNeedsANoteAndKeepsWhoAndWhen()
    {
        var (database, app) = await StartAsync();
        await using var _ = database;
        app.Detector.Observe(Failures(25));
        await app.Monitor.FlushAsync();
        var id = Assert.Single(await app.Store.ListAsync()).Id;

        var withoutNote = await app.Store.AcknowledgeAsync(id, "sam", "  ");
        var tooLong = await app.Store.AcknowledgeAsync(id, "sam", new string('x', Incident.MaxNote + 1));
        database.Time.Advance(TimeSpan.FromMinutes(3));
        var taken = await app.Store.AcknowledgeAsync(id, "sam", " Asked Plivo support, ticket 4711 ");
        var again = await app.Store.AcknowledgeAsync(id, "kim", "me too");

        Assert.Equal("Write a note: what is being done, or who is on it.", withoutNote.Problem);
        Assert.Equal("A note has at most 1,000 characters.", tooLong.Problem);
        Assert.True(taken.Succeeded);
        Assert.Equal("Only an open incident can be acknowledged.", again.Problem);
        var incident = Assert.Single(await app.Store.ListAsync());
        Assert.Equal(IncidentState.Acknowledged, incident.State);
        var acknowledged = incident.Events[1];
        Assert.Equal((IncidentEventKind.Acknowledged, "sam", "Asked Plivo support, ticket 4711", database.Time.GetUtcNow().UtcDateTime),
            (acknowledged.Kind, acknowledged.By, acknowledged.Note, acknowledged.At));
        Assert.Equal(2, incident.Events.Count);
    }

    [Fact]
    public async Task AResolvedIncidentStaysResolvedAndAStillFailingKeyOpensANewOne()
    {
        var (database, app) = await StartAsync();
        await using var _ = database;
        app.Detector.Observe(Failures(25));
        await app.Monitor.FlushAsync();
        var first = Assert.Single(await app.Store.ListAsync()).Id;

        Assert.True((await app.Store.ResolveAsync(first, "kim", null)).Succeeded);
        Assert.Equal("This incident has already ended.", (await app.Store.ResolveAsync(first, "kim", null)).Problem);
        app.Detector.Observe(Failures(1));
        await app.Monitor.FlushAsync();

        var incidents = await app.Store.ListAsync();
        Assert.Equal(2, incidents.Count);
        var resolved = incidents.Single(i => i.Id == first);
        Assert.Equal((IncidentState.Resolved, 25L), (resolved.State, resolved.Failures));
        Assert.Equal(("kim", IncidentEventKind.Resolved), (resolved.Events[^1].By, resolved.Events[^1].Kind));
        var reopened = incidents.Single(i => i.Id != first);
        Assert.Equal((IncidentState.Open, 26L), (reopened.State, reopened.Failures));
    }

    [Fact]
    public async Task TwoInstancesSharingTheDatabaseAddUpIntoOneIncident()
    {
        var (database, one) = await StartAsync();
        await using var _ = database;
        var two = StartInstance(database);
        database.Time.Advance(TimeSpan.FromHours(1));

        one.Detector.Observe(Failures(25));
        two.Detector.Observe(Failures(30));
        await one.Monitor.FlushAsync();
        await two.Monitor.FlushAsync();
        two.Detector.Observe(Failures(4));
        await two.Monitor.FlushAsync();

        var incident = Assert.Single(await one.Store.ListAsync());
        Assert.Equal(59, incident.Failures);
        Assert.Single(incident.Events);
    }

    [Fact]
    public async Task AfterARestartAStoredOpenIncidentIsResumedAndClosesWhenQuiet()
    {
        var (database, app) = await StartAsync();
        await using var _ = database;
        app.Detector.Observe(Failures(25));
        await app.Monitor.FlushAsync();

        var restarted = StartInstance(database);
        await restarted.Monitor.ResumeAsync();
        restarted.Detector.Observe(Failures(3));
        await restarted.Monitor.FlushAsync();
        database.Time.Advance(TimeSpan.FromMinutes(15));
        await restarted.Monitor.FlushAsync();

        var incident = Assert.Single(await app.Store.ListAsync());
        Assert.Equal((IncidentState.Closed, 28L), (incident.State, incident.Failures));
    }
}

/// <summary>The same on PostgreSQL (a fresh database on the run's server for each test).</summary>
public sealed class PostgreSqlIncidentStoreTests : IncidentStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
