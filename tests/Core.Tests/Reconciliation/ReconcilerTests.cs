using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Reconciliation;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Reconciliation;

/// <summary>Silent messages asked about through a recorded Plivo, written through the real writer on a real SQLite file.</summary>
public class ReconcilerTests : IAsyncLifetime
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private TempDatabase _db = null!;
    private readonly FakePlivoClient _plivo = new();
    private readonly ReconciliationOptions _options = new() { SilentAfter = TimeSpan.FromMinutes(10), RequestsPerSecond = 10 };

    public async Task InitializeAsync() => _db = await TempDatabase.CreateAsync(provider: Provider);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private DateTime Now => _db.Time.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task ASilentMessageTakesTheStatePlivoReportsAsAReconciledEvent()
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "delivered");

        Assert.Equal(1, await RoundAsync());

        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Delivered, state);
        var reconciled = Assert.Single(events, e => e.Kind == MessageEventKind.Reconciled);
        Assert.True(reconciled.Applied);
        Assert.Equal(0, await RoundAsync()); // no longer silent: not asked again
        Assert.Single(_plivo.Asked);
    }

    [Fact]
    public async Task OnlyMessagesPastTheirTypesSilentAgeAreAskedAbout()
    {
        var old = await StoreAsync("queued", minutesAgo: 20);
        await StoreAsync("sent", minutesAgo: 5);
        await StoreAsync("delivered", minutesAgo: 60);
        await StoreAsync("sent", minutesAgo: 30, type: "whatsapp");
        _options.SilentAfterByType[MessageType.WhatsApp] = TimeSpan.FromHours(1);
        _plivo.Records[old] = Record(old, "sent");

        await RoundAsync();

        Assert.Equal([old], _plivo.Asked);
    }

    [Fact]
    public async Task AStateIsNeverMovedBackByWhatPlivoSays()
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "queued");

        await RoundAsync();

        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Sent, state);
        Assert.False(Assert.Single(events, e => e.Kind == MessageEventKind.Reconciled).Applied);
    }

    [Fact]
    public async Task AMessageStillOnItsWayIsAskedAgainOneSilentPeriodLaterAndStoredOnce()
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "sent");

        await RoundAsync();
        await RoundAsync();
        Assert.Single(_plivo.Asked);

        _db.Time.Advance(TimeSpan.FromMinutes(11));
        await RoundAsync();

        Assert.Equal(2, _plivo.Asked.Count);
        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Sent, state);
        var reconciled = Assert.Single(events, e => e.Kind == MessageEventKind.Reconciled);
        Assert.Equal(1, reconciled.Repeats);
    }

    [Fact]
    public async Task MessagesThatStaySentForGoodDoNotKeepNewerSilentOnesWaiting()
    {
        // Networks without delivery reports leave messages "sent" for good: Plivo says "sent" every time it is asked.
        _options.MaxPerRound = 2;
        var backlog = new[] { await StoreAsync("sent", minutesAgo: 40), await StoreAsync("sent", minutesAgo: 39) };
        foreach (var uuid in backlog)
        {
            _plivo.Records[uuid] = Record(uuid, "sent");
        }

        Assert.Equal(2, await RoundAsync());
        var newer = await StoreAsync("sent", minutesAgo: 15);
        _plivo.Records[newer] = Record(newer, "delivered");

        // The next round, within the backlog's silent period: the newer message is asked about, not the backlog again.
        Assert.Equal(1, await RoundAsync());
        Assert.Equal([.. backlog, newer], _plivo.Asked);
        Assert.Equal(MessageState.Delivered, (await ReadAsync(newer)).State);
    }

    [Fact]
    public async Task WhenAMessageWasAskedAboutIsKeptAcrossARestart()
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "sent");
        await RoundAsync();

        _reconciler = CreateReconciler(); // the app restarted

        Assert.Equal(0, await RoundAsync());
        Assert.Single(_plivo.Asked);
    }

    [Fact]
    public async Task MessagesSilentLongerThanStopAskingAfterStillCountButAreNotAsked()
    {
        _options.StopAskingAfter = TimeSpan.FromHours(1);
        var uuid = await StoreAsync("sent", minutesAgo: 90);
        _plivo.Records[uuid] = Record(uuid, "delivered");

        Assert.Equal(0, await RoundAsync());
        Assert.Empty(_plivo.Asked);
        Assert.Equal(1, await Silent().CountAsync());
    }

    [Fact]
    public async Task TheMessageLogsSilentFilterListsTheMessagesTheOverviewCounts()
    {
        var silent = await StoreAsync("sent", minutesAgo: 20);
        await StoreAsync("queued", minutesAgo: 5); // not silent yet
        await StoreAsync("delivered", minutesAgo: 30); // final
        var unknown = await StoreAsync("queued", minutesAgo: 25); // Plivo does not know it: flagged, no longer silent
        _plivo.Records[silent] = Record(silent, "sent");
        await RoundAsync();
        Assert.Contains(unknown, _plivo.Asked);

        var listed = await _db.Queries(_options).ListAsync(new MessageFilter { Silent = true });

        Assert.Equal([silent], listed.Messages.Select(m => m.MessageUuid));
        Assert.Equal(1, await Silent().CountAsync());
    }

    [Fact]
    public async Task AMessagePlivoDoesNotKnowIsFlaggedOnceAndNotAskedAgain()
    {
        var uuid = await StoreAsync("queued", minutesAgo: 20);

        await RoundAsync();
        _db.Time.Advance(TimeSpan.FromMinutes(30));
        await RoundAsync();

        Assert.Single(_plivo.Asked);
        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Queued, state);
        Assert.Single(events, e => e.Kind == MessageEventKind.UnknownToPlivo);
        Assert.Equal(0, await Silent().CountAsync());
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(null)]
    public async Task WhenPlivoRefusesNothingIsStoredAndTheNextRoundTriesAgain(HttpStatusCode? status)
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "undelivered", errorCode: "30");
        _plivo.ReadRefusal = new PlivoApiException(status, "too many requests");

        Assert.Equal(0, await RoundAsync());
        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Sent, state);
        Assert.DoesNotContain(events, e => e.Kind == MessageEventKind.Reconciled);

        _plivo.ReadRefusal = null;
        Assert.Equal(1, await RoundAsync());
        var (after, _) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Undelivered, after);
    }

    [Fact]
    public async Task ARecordThatCannotBeReadStoresNothing()
    {
        var uuid = await StoreAsync("sent", minutesAgo: 20);
        _plivo.Records[uuid] = Record(uuid, "teleported");

        Assert.Equal(1, await RoundAsync());

        var (state, events) = await ReadAsync(uuid);
        Assert.Equal(MessageState.Sent, state);
        Assert.DoesNotContain(events, e => e.Kind == MessageEventKind.Reconciled);
    }

    [Fact]
    public async Task CallsArePacedToTheConfiguredRate()
    {
        for (var i = 0; i < 3; i++)
        {
            var uuid = await StoreAsync("sent", minutesAgo: 20 + i);
            _plivo.Records[uuid] = Record(uuid, "delivered");
        }

        _options.RequestsPerSecond = 2;
        var started = _db.Time.GetUtcNow();

        // Two pauses of half a second between three calls: the round cannot end before a second of (fake) time.
        Assert.Equal(3, await RoundAsync(step: TimeSpan.FromMilliseconds(50)));
        Assert.True(_db.Time.GetUtcNow() - started >= TimeSpan.FromSeconds(1));
    }

    private SilentMessages Silent() => _db.Silent(_options);

    private Reconciler? _reconciler;

    /// <summary>One reconciler per test, as the app has one (a test that restarts the app makes a new one).</summary>
    private Reconciler Reconciler() => _reconciler ??= CreateReconciler();

    private Reconciler CreateReconciler()
    {
        var services = new ServiceCollection().AddSingleton<IPlivoClient>(_plivo).BuildServiceProvider();
        var leadership = new Leadership(Options.Create(new StorageOptions()), _db.Time, NullLogger<Leadership>.Instance);
        return new Reconciler(Silent(), _db.Writer, services.GetRequiredService<IServiceScopeFactory>(), leadership,
            new FixedOptionsMonitor<ReconciliationOptions>(_options), _db.Time, NullLogger<Reconciler>.Instance);
    }

    /// <summary>One round, with the fake clock moved on while it waits between calls.</summary>
    private async Task<int> RoundAsync(TimeSpan? step = null)
    {
        var round = Reconciler().RunRoundAsync();
        while (!round.IsCompleted)
        {
            _db.Time.Advance(step ?? TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        return await round;
    }

    private async Task<string> StoreAsync(string status, int minutesAgo, string type = "sms")
    {
        var uuid = Guid.NewGuid().ToString();
        var time = PlivoTime.FormatCallback(Now.AddMinutes(-minutesAgo));
        var parsed = WebhookParser.ParseStatus(
        [
            new("MessageUUID", uuid), new("Status", status), new("Type", type), new("To", "14155550123"), new("From", "14155550100"),
            new("Sequence", "1"), new("MessageTime", time), new("Units", "1"), new("TotalAmount", "0.00650"), new("TotalRate", "0.00650"),
        ], Now);
        await _db.Writer.WriteStatusAsync(parsed.Value!);
        return uuid;
    }

    private static PlivoMessage Record(string uuid, string state, string? errorCode = null) => new()
    {
        MessageUuid = uuid,
        MessageState = state,
        ToNumber = "14155550123",
        FromNumber = "14155550100",
        Units = 1,
        TotalRate = "0.00650",
        TotalAmount = "0.00650",
        ErrorCode = errorCode,
        Mcc = "310",
        Mnc = "410",
    };

    private async Task<(MessageState State, List<MessageEvent> Events)> ReadAsync(string uuid)
    {
        await using var db = _db.CreateDb();
        var message = await db.Messages.AsNoTracking().SingleAsync(m => m.MessageUuid == uuid);
        var events = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == message.Id).ToListAsync();
        return (message.State, events);
    }
}

/// <summary>The same on PostgreSQL (which orders nulls last: the "never asked first" rule must say so itself).</summary>
public sealed class PostgreSqlReconcilerTests : ReconcilerTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
