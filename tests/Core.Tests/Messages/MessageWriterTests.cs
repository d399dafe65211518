using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Messages;

/// <summary>On SQLite; <see cref="PostgreSqlMessageWriterTests"/> runs the same tests on PostgreSQL.</summary>
public class MessageWriterTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private static StatusCallback Callback(string uuid, MessageState status, int sequence, string? error = null, long? amount = 650, string? mcc = "310", string? mnc = "410") => new()
    {
        MessageUuid = uuid,
        From = "14155550100",
        To = "14155550123",
        Status = status,
        Sequence = sequence,
        ErrorCode = error,
        TotalAmount = amount,
        Units = 1,
        Mcc = mcc,
        Mnc = mnc,
        MessageTime = new DateTime(2026, 11, 19, 8, 0, 0, DateTimeKind.Utc),
        Raw = [new("MessageUUID", uuid)],
    };

    [Fact]
    public async Task ConcurrentCallbacksAreAllCommittedInSharedTransactions()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuids = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid().ToString()).ToList();

        var results = await Task.WhenAll(uuids.Select(u => Task.Run(() => database.Writer.WriteStatusAsync(Callback(u, MessageState.Sent, 2)))));

        Assert.All(results, r => Assert.Equal(WriteOutcome.Created, r.Outcome));
        await using var db = database.CreateDb();
        Assert.Equal(2_000, await db.Messages.CountAsync());
        Assert.Equal(2_000, await db.MessageEvents.CountAsync());
    }

    [Fact]
    public async Task RepeatsOfACallbackInOneBatchAreCountedOnItsOneEvent()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var known = Guid.NewGuid().ToString();
        var fresh = Guid.NewGuid().ToString();
        await database.Writer.WriteStatusAsync(Callback(known, MessageState.Sent, 2));

        // Queued back to back, so the writer takes them in one group commit (their outcomes are the same in any batches).
        MessageState[] freshStates = [MessageState.Queued, MessageState.Queued, MessageState.Sent, MessageState.Queued, MessageState.Sent];
        var writes = freshStates.Select(state => database.Writer.WriteStatusAsync(Callback(fresh, state, state == MessageState.Queued ? 1 : 2)))
            .Concat(new[] { MessageState.Sent, MessageState.Delivered, MessageState.Sent, MessageState.Delivered }
                .Select(state => database.Writer.WriteStatusAsync(Callback(known, state, state == MessageState.Sent ? 2 : 3))))
            .ToList();
        var outcomes = (await Task.WhenAll(writes)).Select(r => r.Outcome).ToList();

        Assert.Equal(
            [WriteOutcome.Created, WriteOutcome.Duplicate, WriteOutcome.Applied, WriteOutcome.Duplicate, WriteOutcome.Duplicate,
             WriteOutcome.Duplicate, WriteOutcome.Applied, WriteOutcome.Duplicate, WriteOutcome.Duplicate],
            outcomes);
        await using var db = database.CreateDb();
        var events = await db.MessageEvents.AsNoTracking().Join(db.Messages, e => e.MessageId, m => m.Id, (e, m) => new { m.MessageUuid, e.State, e.Repeats })
            .ToListAsync();
        Assert.Equal(
            [(fresh, MessageState.Queued, 2), (fresh, MessageState.Sent, 1), (known, MessageState.Sent, 2), (known, MessageState.Delivered, 1)],
            events.Select(e => (e.MessageUuid, e.State, e.Repeats)).OrderBy(e => e.MessageUuid == fresh ? 0 : 1).ThenBy(e => e.State));
        Assert.Equal(MessageState.Delivered, (await db.Messages.SingleAsync(m => m.MessageUuid == known)).State);
    }

    [Fact]
    public async Task RollupFollowsTheMessageFromStateToState()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Queued, 1, amount: null));
        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Sent, 2));
        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Undelivered, 3, error: "30"));
        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Sent, 2));

        await using var db = database.CreateDb();
        var live = await db.Set<DailyFact>().Where(t => t.Messages != 0).ToListAsync();
        Assert.All(live, f => Assert.Equal((new DateOnly(2026, 11, 19), MessageState.Undelivered, 1L), (f.Day, f.State, f.Messages)));
        Assert.Equal(650, Assert.Single(live, f => f.Dimension == ReportDimension.All).Amount);
        Assert.Equal("30", Assert.Single(live, f => f.Dimension == ReportDimension.ErrorCode).Key);
        Assert.Equal("US", Assert.Single(live, f => f.Dimension == ReportDimension.Country).Key);
        Assert.Equal("310/410", Assert.Single(live, f => f.Dimension == ReportDimension.Carrier).Key);
        Assert.Equal("sms", Assert.Single(live, f => f.Dimension == ReportDimension.Type).Key);
        Assert.DoesNotContain(live, f => f.Dimension == ReportDimension.Origin);
    }

    [Fact]
    public async Task FailuresTheWriterAppliesReachTheIncidentDetectorOnceEach()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        database.Time.Advance(TimeSpan.FromHours(1));
        var uuids = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToList();

        foreach (var uuid in uuids.Skip(1))
        {
            await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Sent, 1));
            await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Undelivered, 2, error: "20"));
        }

        // The first word of a message may already be its failure; a repeat or a late callback counts nothing more, and
        // Plivo's answer about a silent message tells of a failure long past.
        await database.Writer.WriteStatusAsync(Callback(uuids[0], MessageState.Failed, 1, error: "20"));
        await database.Writer.WriteStatusAsync(Callback(uuids[1], MessageState.Undelivered, 2, error: "20"));
        await database.Writer.WriteStatusAsync(Callback(uuids[2], MessageState.Sent, 1));
        var silent = Guid.NewGuid().ToString();
        await database.Writer.WriteStatusAsync(Callback(silent, MessageState.Sent, 1));
        await database.Writer.WriteReconciledAsync(Callback(silent, MessageState.Undelivered, 2, error: "20"));

        var opened = Assert.Single(database.Incidents.Collect().Opened);
        Assert.Equal(new IncidentKey(IncidentDimension.Carrier, "20", "310/410"), opened.Key);
        Assert.Equal(25, opened.Failures);
        Assert.Equal(25 * 650, opened.WastedAmount);
    }

    [Fact]
    public async Task CommittedChangesArePublishedOnTheLiveFeed()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        using var subscription = database.Feed.Subscribe();
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Delivered, 3));

        Assert.True(subscription.Reader.TryRead(out var published));
        var change = Assert.IsType<MessageChange>(published);
        Assert.Equal(uuid, change.MessageUuid);
        Assert.Equal(MessageState.Delivered, change.State);
        Assert.True(change.Created);
    }

    [Fact]
    public async Task OutboundSendFillsAMessageWhoseCallbackArrivedFirst()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Sent, 2));
        var result = await database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = uuid, From = "14155550100", To = "14155550123", Text = "Your code is 1234", Request = [new("text", "Your code is 1234")],
        });

        Assert.Equal(MessageState.Sent, result.State);
        await using var db = database.CreateDb();
        var message = await db.Messages.SingleAsync();
        Assert.Equal("Your code is 1234", message.Text);
        Assert.Equal(MessageState.Sent, message.State);
        Assert.Equal(1, await db.Set<DailyFact>().Where(t => t.Dimension == ReportDimension.All).SumAsync(t => t.Messages));
    }

    [Fact]
    public async Task OurSendAfterItsFirstCallbackIsALateQueuedEventAndItsTextHeadsTheConversation()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Sent, 2));
        var result = await database.Writer.WriteOutboundAsync(Outbound(uuid));

        Assert.Equal((WriteOutcome.Late, MessageState.Sent), (result.Outcome, result.State));
        await using var db = database.CreateDb();
        var ours = await db.MessageEvents.SingleAsync(e => e.Kind == MessageEventKind.SendAccepted);
        Assert.Equal((MessageState.Queued, -1, false), (ours.State, ours.Sequence, ours.Applied));
        var conversation = await db.Conversations.SingleAsync();
        Assert.Equal(("Your order shipped", 1), (conversation.LastMessagePreview, conversation.MessageCount));
    }

    [Fact]
    public async Task MmsWhoseCallbackArrivedFirstKeepsItsMedia()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Queued, 1) with { Type = MessageType.Mms });
        await database.Writer.WriteOutboundAsync(Outbound(uuid) with { Type = MessageType.Mms, MediaUrls = ["https://media.example/a.jpg", "https://media.example/b.png"] });

        await using var db = database.CreateDb();
        var message = await db.Messages.Include(m => m.Media).SingleAsync();
        Assert.Equal(2, message.MediaCount);
        Assert.Equal(["https://media.example/a.jpg", "https://media.example/b.png"], message.Media.OrderBy(m => m.Index).Select(m => m.Url));
    }

    [Fact]
    public async Task PowerpackFilledByOurSendSurvivesALaterCallbackWithoutIt()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Queued, 1));
        await database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = uuid, From = "14155550100", To = "14155550123", PowerpackUuid = "pp-1", Request = [],
        });
        await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Delivered, 3));

        await using var db = database.CreateDb();
        var message = await db.Messages.SingleAsync();
        Assert.Equal("pp-1", message.PowerpackUuid);
        Assert.Equal(MessageState.Delivered, message.State);
        Assert.Equal("pp-1", (await db.Set<DailyFact>().SingleAsync(f => f.Dimension == ReportDimension.Powerpack && f.Messages != 0)).Key);
    }

    [Fact]
    public async Task RollupSumsThatWouldOverflowAreRefusedAndTheReportsStayExact()
    {
        // What the parser used to take for TotalAmount=92233720368547: the writer must not trust its callers either.
        const long huge = 9_223_372_036_854_700_000;
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var first = Guid.NewGuid().ToString();
        var second = Guid.NewGuid().ToString();

        await database.Writer.WriteStatusAsync(Callback(first, MessageState.Sent, 2, amount: huge));
        var overflow = await Record.ExceptionAsync(() => database.Writer.WriteStatusAsync(Callback(second, MessageState.Sent, 2, amount: huge)));

        Assert.IsType<OverflowException>(overflow);
        await using var db = database.CreateDb();
        Assert.False(await db.Messages.AnyAsync(m => m.MessageUuid == second));
        if (Provider == StorageProvider.Sqlite)
        {
            var types = await db.Database.SqlQueryRaw<string>("SELECT DISTINCT typeof(Amount) AS Value FROM DailyFacts").ToListAsync();
            Assert.Equal(["integer"], types);
        }
        var day = new DayRange(new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 19));
        var reports = new ReportQueries(new TestDbFactory(database), database.Time, Microsoft.Extensions.Options.Options.Create(new ReportsOptions()));
        var report = await reports.GetCostReportAsync(day, CostPeriod.Day);
        Assert.Equal(huge, report.Total.Amount);
    }

    [Fact]
    public void RecentStateCacheIsBoundedByMemoryAsWellAsCount()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        using var commands = new Dashboard.Core.Storage.Sqlite.SqliteWriterStore(connection);
        var row = new MessageRow
        {
            ErrorCode = "1000", Mcc = "310", Mnc = "410", CountryIso2 = "US", ConversationOrigin = "authentication",
            PowerpackUuid = Guid.NewGuid().ToString(), MessageTime = DateTime.UtcNow,
        };

        for (var i = 0; i < WriterStore.MaxRecent - 1; i++)
        {
            commands.Remember(Guid.NewGuid().ToString(), new ExistingMessage(i, i, row with { ErrorCode = new string('9', 8) }));
            Assert.True(commands.RecentBytes <= WriterStore.MaxRecentBytes, $"{commands.RecentBytes} bytes after {i + 1} messages");
        }

        Assert.True(commands.RecentCount < WriterStore.MaxRecent - 1);
    }

    [Fact]
    public async Task PlivosQueuedCallbackAfterOurOwnSendConfirmsItAndIsNotLate()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();
        await database.Writer.WriteOutboundAsync(Outbound(uuid));

        var confirmation = await database.Writer.WriteStatusAsync(Callback(uuid, MessageState.Queued, 1, amount: null));

        Assert.Equal(WriteOutcome.Confirmed, confirmation.Outcome);
        Assert.Equal(MessageState.Queued, confirmation.State);
        await using var db = database.CreateDb();
        var message = await db.Messages.SingleAsync();
        Assert.Equal(1, message.LastSequence);
        Assert.Equal("310", message.Mcc);
        var callback = await db.MessageEvents.SingleAsync(e => e.Kind == MessageEventKind.StatusCallback);
        Assert.True(callback.Applied);
    }

    [Fact]
    public async Task ACallbackBehindALaterStateOrSequenceIsStillLate()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var byRank = Guid.NewGuid().ToString();
        var bySequence = Guid.NewGuid().ToString();
        await database.Writer.WriteOutboundAsync(Outbound(byRank));
        await database.Writer.WriteOutboundAsync(Outbound(bySequence));

        await database.Writer.WriteStatusAsync(Callback(byRank, MessageState.Sent, 2));
        var queuedAfterSent = await database.Writer.WriteStatusAsync(Callback(byRank, MessageState.Queued, 1));
        await database.Writer.WriteStatusAsync(Callback(bySequence, MessageState.Queued, 2));
        var lowerSequence = await database.Writer.WriteStatusAsync(Callback(bySequence, MessageState.Queued, 1));

        Assert.Equal((WriteOutcome.Late, MessageState.Sent), (queuedAfterSent.Outcome, queuedAfterSent.State));
        Assert.Equal((WriteOutcome.Late, MessageState.Queued), (lowerSequence.Outcome, lowerSequence.State));
        await using var db = database.CreateDb();
        var late = await db.MessageEvents.Where(e => e.Kind == MessageEventKind.StatusCallback && !e.Applied).Select(e => e.Sequence).ToListAsync();
        Assert.Equal([1, 1], late);
        Assert.Equal([2, 2], await db.Messages.Select(m => m.LastSequence!.Value).ToListAsync());
    }

    private static OutboundMessage Outbound(string uuid) => new()
    {
        MessageUuid = uuid, From = "14155550100", To = "14155550123", Text = "Your order shipped", Request = [new("text", "Your order shipped")],
    };
}

/// <summary>The same contract on PostgreSQL (a fresh database on the run's server for each test).</summary>
public sealed class PostgreSqlMessageWriterTests : MessageWriterTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
