using System.Text;
using Dashboard.Core.Messages;
using Dashboard.Core.Replay;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Replay;

/// <summary>On a SQLite file; <see cref="PostgreSqlCallbackReplayTests"/> runs the same tests on PostgreSQL.</summary>
public class CallbackReplayTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private static string Line(string uuid, string status, int sequence, string extra = "") =>
        $"MessageUUID={uuid}&Status={status}&Sequence={sequence}&From=14155550100&To=14155550123&Type=sms&Units=1{extra}";

    private static CallbackReplay Replay(TempDatabase database, int batchSize = 500) =>
        new(new TestDbFactory(database), database.Writer, Options.Create(new ReplayOptions { BatchSize = batchSize }), database.Time);

    /// <summary>Takes a callback as the webhook does: parsed, then written.</summary>
    private static async Task IngestAsync(TempDatabase database, string line)
    {
        var parsed = WebhookParser.ParseStatus(CallbackFile.FormLine(1, line).Parameters!, database.Time.GetUtcNow().UtcDateTime);
        Assert.True(parsed.IsValid);
        await database.Writer.WriteStatusAsync(parsed.Value!);
    }

    private static ImportedCallbacks File(string name, params string[] lines)
    {
        var (file, problem) = CallbackFile.Parse(Encoding.UTF8.GetBytes(string.Join("\n", lines)));
        Assert.Null(problem);
        return new ImportedCallbacks(name, file!);
    }

    /// <summary>Sets a message back as if its later callbacks had never been applied (then restarts the writer, whose cache held the state).</summary>
    private static async Task SetBackAsync(TempDatabase database, string uuid, MessageState state, int? sequence)
    {
        await using (var db = database.CreateDb())
        {
            await db.Messages.Where(m => m.MessageUuid == uuid)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, state).SetProperty(m => m.LastSequence, sequence));
        }

        await database.RestartWriterAsync();
    }

    private static void AssertSameCounts(ReplayReport expected, ReplayReport actual)
    {
        Assert.Null(actual.Problem);
        Assert.Equal((expected.Read, expected.Rejected, expected.Changed, expected.Created, expected.Unchanged),
            (actual.Read, actual.Rejected, actual.Changed, actual.Created, actual.Unchanged));
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected.Rejections, actual.Rejections);
    }

    [Fact]
    public async Task ReplayingStoredCallbacksTwiceChangesNothingMoreThanOnce()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var start = database.Time.GetUtcNow().UtcDateTime;
        var uuids = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var uuid in uuids)
        {
            await IngestAsync(database, Line(uuid, "queued", 1));
            await IngestAsync(database, Line(uuid, "sent", 2));
            await IngestAsync(database, Line(uuid, "delivered", 3));
        }

        await SetBackAsync(database, uuids[0], MessageState.Queued, 1);
        await SetBackAsync(database, uuids[1], MessageState.Queued, 1);
        await SetBackAsync(database, uuids[2], MessageState.Sent, 2);
        var replay = Replay(database);
        var filter = new StoredCallbacks { From = start };

        var preview = await replay.PreviewAsync(filter);
        var first = await replay.ReplayAsync(filter, "admin");
        var second = await replay.ReplayAsync(filter, "admin");

        Assert.True(preview.IsPreview);
        Assert.Equal((12, 0, 3, 0, 1), (preview.Read, preview.Rejected, preview.Changed, preview.Created, preview.Unchanged));
        Assert.Equal([new(MessageState.Queued, MessageState.Delivered, 2), new ReplayTransition(MessageState.Sent, MessageState.Delivered, 1)], preview.Transitions);
        AssertSameCounts(preview, first);
        Assert.Equal((12, 0, 0, 4), (second.Read, second.Changed, second.Created, second.Unchanged));
        Assert.Empty(second.Transitions);
        await using var db = database.CreateDb();
        Assert.All(await db.Messages.ToListAsync(), m => Assert.Equal((MessageState.Delivered, 3), (m.State, m.LastSequence)));
        var events = await db.MessageEvents.ToListAsync();
        Assert.Equal(12, events.Count);
        Assert.All(events, e => Assert.Equal((0, null), (e.Repeats, e.LastReceivedAt)));
    }

    [Fact]
    public async Task AReplayReadsOnlyWhatWasStoredWhenItStartedNotTheEventsItAdds()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var start = database.Time.GetUtcNow().UtcDateTime;
        var uuid = Guid.NewGuid().ToString();
        await IngestAsync(database, $"MessageUUID={uuid}&Status=sent");
        await IngestAsync(database, $"MessageUUID={uuid}&Status=delivered");
        await SetBackAsync(database, uuid, MessageState.Sent, null);
        var replay = Replay(database);
        var filter = new StoredCallbacks { From = start };

        var preview = await replay.PreviewAsync(filter);
        var first = await replay.ReplayAsync(filter, "admin");
        var second = await replay.ReplayAsync(filter, "admin");

        Assert.Equal([new ReplayTransition(MessageState.Sent, MessageState.Delivered, 1)], preview.Transitions);
        AssertSameCounts(preview, first);
        Assert.Equal((3, 0, 1), (second.Read, second.Changed, second.Unchanged));
        await using var db = database.CreateDb();
        Assert.Equal(MessageEventKind.Replayed, (await db.MessageEvents.OrderBy(e => e.Id).LastAsync()).Kind);
        Assert.Equal(3, await db.MessageEvents.CountAsync());
    }

    [Fact]
    public async Task AFileBackfillsWhatWeNeverReceivedAndReplayingItAgainChangesNothing()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var (known, n1, n2, n3) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await IngestAsync(database, Line(known, "sent", 2));
        var file = File("old-endpoint.txt",
            Line(known, "delivered", 3),
            Line(n1, "queued", 1),
            Line(n1, "sent", 2),
            Line(n1, "delivered", 3),
            Line(n2, "delivered", 3),
            Line(n2, "sent", 2),
            Line(known, "sent", 2),
            "",
            Line(n3, "undelivered", 3, "&ErrorCode=30"));
        var replay = Replay(database);

        var preview = await replay.PreviewAsync(file);
        var first = await replay.ReplayAsync(file, "admin");
        var second = await replay.ReplayAsync(file, "admin");

        Assert.Equal((8, 0, 4, 3, 0), (preview.Read, preview.Rejected, preview.Changed, preview.Created, preview.Unchanged));
        Assert.Equal(
            [new(null, MessageState.Delivered, 2), new(null, MessageState.Undelivered, 1), new ReplayTransition(MessageState.Sent, MessageState.Delivered, 1)],
            preview.Transitions);
        AssertSameCounts(preview, first);
        Assert.Equal((8, 0, 0, 4), (second.Read, second.Changed, second.Created, second.Unchanged));
        await using var db = database.CreateDb();
        var states = await db.Messages.ToDictionaryAsync(m => m.MessageUuid, m => m.State);
        Assert.Equal(MessageState.Delivered, states[known]);
        Assert.Equal(MessageState.Delivered, states[n1]);
        Assert.Equal(MessageState.Delivered, states[n2]);
        Assert.Equal(MessageState.Undelivered, states[n3]);
        var events = await db.MessageEvents.ToListAsync();
        Assert.Equal(7, events.Count);
        Assert.Equal(6, events.Count(e => e.Kind == MessageEventKind.Replayed));
        Assert.All(events, e => Assert.Equal((0, null, true), (e.Repeats, e.LastReceivedAt, e.Applied)));
        var runs = await db.ReplayRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(("admin", "file old-endpoint.txt", 8, 0), (r.By, r.Source, r.Read, r.Rejected)));
        Assert.Equal((4, 3, 0), (runs[0].Changed, runs[0].Created, runs[0].Unchanged));
        Assert.Equal((0, 0, 4), (runs[1].Changed, runs[1].Created, runs[1].Unchanged));
        Assert.All(runs, r => Assert.NotNull(r.FinishedAt));
    }

    [Fact]
    public async Task MalformedLinesAreReportedByNumberAndNothingIsStoredFromThem()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var (good1, good2) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var file = File("mixed.txt",
            Line(good1, "delivered", 3),
            "this is not a callback",
            "MessageUUID=abc&Status=delivered",
            Line(Guid.NewGuid().ToString(), "bogus", 3),
            Line(Guid.NewGuid().ToString(), "delivered", 3, "&Text=%ZZ"),
            Line(good2, "sent", 2));
        var replay = Replay(database);

        var preview = await replay.PreviewAsync(file);
        var done = await replay.ReplayAsync(file, "admin");

        Assert.Equal((6, 4, 2, 2), (preview.Read, preview.Rejected, preview.Changed, preview.Created));
        Assert.Equal(["line 2", "line 3", "line 4", "line 5"], preview.Rejections.Select(r => r.Where));
        Assert.Contains("is not a name=value pair", preview.Rejections[0].Reason);
        Assert.Contains("MessageUUID", preview.Rejections[1].Reason);
        Assert.Contains("Status", preview.Rejections[2].Reason);
        Assert.Contains("%-escape", preview.Rejections[3].Reason);
        AssertSameCounts(preview, done);
        await using var db = database.CreateDb();
        Assert.Equal(new[] { good1, good2 }.Order(), (await db.Messages.Select(m => m.MessageUuid).ToListAsync()).Order());
        Assert.Equal(4, (await db.ReplayRuns.SingleAsync()).Rejected);
    }

    [Fact]
    public async Task CsvWithPlivosFieldNamesReadsAsTheSameCallbacksAsFormLines()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var (a, b) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        var csv = File("export.csv",
            "MessageUUID,Status,Sequence,From,To,Type,Units,ErrorCode",
            $"{a},sent,2,14155550100,\"14155550123\",sms,1,",
            $"{a},delivered,3,14155550100,14155550123,sms,1",
            $"{b},undelivered,3,14155550100,\"14155550123\",sms,1,30",
            $"{a},delivered,3,14155550100,14155550123,sms,1,\"unclosed");
        var form = File("export.txt",
            Line(a, "sent", 2),
            Line(b, "undelivered", 3, "&ErrorCode=30"));
        var replay = Replay(database);

        var fromCsv = await replay.PreviewAsync(csv);
        var fromForm = await replay.PreviewAsync(form);

        Assert.Equal(CallbackFileFormat.Csv, csv.File.Format);
        Assert.Equal((4, 2, 2, 2), (fromCsv.Read, fromCsv.Rejected, fromCsv.Changed, fromCsv.Created));
        Assert.Equal(["line 3", "line 5"], fromCsv.Rejections.Select(r => r.Where));
        Assert.Equal(fromForm.Transitions, fromCsv.Transitions);
        Assert.Equal([new(null, MessageState.Sent, 1), new ReplayTransition(null, MessageState.Undelivered, 1)], fromCsv.Transitions);
        await replay.ReplayAsync(csv, "admin");
        await using var db = database.CreateDb();
        Assert.Equal("30", (await db.Messages.SingleAsync(m => m.MessageUuid == b)).ErrorCode);
    }

    [Fact]
    public async Task StoredCallbacksAreChosenByTimeStatusAndMessage()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var start = database.Time.GetUtcNow().UtcDateTime;
        var uuids = Enumerable.Range(0, 3).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (var uuid in uuids)
        {
            await IngestAsync(database, Line(uuid, "sent", 2));
        }

        database.Time.Advance(TimeSpan.FromHours(1));
        foreach (var uuid in uuids)
        {
            await IngestAsync(database, Line(uuid, "delivered", 3));
        }

        foreach (var uuid in uuids)
        {
            await SetBackAsync(database, uuid, MessageState.Queued, null);
        }

        var replay = Replay(database);

        var delivered = await replay.PreviewAsync(new StoredCallbacks { Status = MessageState.Delivered });
        var one = await replay.PreviewAsync(new StoredCallbacks { MessageUuid = uuids[1] });
        var firstHalfHour = await replay.PreviewAsync(new StoredCallbacks { From = start, To = start.AddMinutes(30) });
        var later = await replay.PreviewAsync(new StoredCallbacks { From = start.AddMinutes(30) });
        var unknown = await replay.PreviewAsync(new StoredCallbacks { MessageUuid = Guid.NewGuid().ToString() });

        Assert.Equal((3, 3), (delivered.Read, delivered.Changed));
        Assert.Equal([new ReplayTransition(MessageState.Queued, MessageState.Delivered, 3)], delivered.Transitions);
        Assert.Equal((2, 1), (one.Read, one.Changed));
        Assert.Equal([new ReplayTransition(MessageState.Queued, MessageState.Delivered, 1)], one.Transitions);
        Assert.Equal([new ReplayTransition(MessageState.Queued, MessageState.Sent, 3)], firstHalfHour.Transitions);
        Assert.Equal(3, firstHalfHour.Read);
        Assert.Equal([new ReplayTransition(MessageState.Queued, MessageState.Delivered, 3)], later.Transitions);
        Assert.Equal((0, 0, 0), (unknown.Read, unknown.Changed, unknown.Unchanged));
    }

    [Fact]
    public async Task AFilterWithNoCriterionOrABackwardRangeIsRefused()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var replay = Replay(database);
        var now = database.Time.GetUtcNow().UtcDateTime;

        var none = await replay.ReplayAsync(new StoredCallbacks(), "admin");
        var backwards = await replay.PreviewAsync(new StoredCallbacks { From = now, To = now.AddHours(-1) });

        Assert.Equal("Choose a time range, a message or a status.", none.Problem);
        Assert.Equal("The time range ends before it starts.", backwards.Problem);
        await using var db = database.CreateDb();
        Assert.Equal(0, await db.ReplayRuns.CountAsync());
    }

    [Fact]
    public async Task ALargeReplayIsWrittenInBatchesWhileWebhooksKeepBeingTaken()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var lines = Enumerable.Range(0, 3_000).Select(_ => Line(Guid.NewGuid().ToString(), "delivered", 3)).ToArray();
        var replay = Replay(database, batchSize: 500);

        var running = replay.ReplayAsync(File("big.txt", lines), "admin");
        await IngestAsync(database, Line(Guid.NewGuid().ToString(), "sent", 2));
        var report = await running;

        Assert.Equal((3_000, 3_000, 3_000), (report.Read, report.Changed, report.Created));
        await using var db = database.CreateDb();
        Assert.Equal(3_001, await db.Messages.CountAsync());
    }
}

/// <summary>The same tests on PostgreSQL (a fresh database on the run's server for each test).</summary>
public sealed class PostgreSqlCallbackReplayTests : CallbackReplayTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
