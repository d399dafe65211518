using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Webhooks;

/// <summary>The writer's nonce ledger: a nonce seen again is a retry with the same parameters and a replay with others.</summary>
/// <summary>On SQLite; <see cref="PostgreSqlReplayLedgerTests"/> runs the same tests on PostgreSQL.</summary>
public class ReplayLedgerTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private static readonly Uri Url = new("https://dashboard.example/plivo/status");

    private static (StatusCallback Callback, WebhookReceipt Receipt) Signed(string uuid, MessageState status, int sequence, string nonce)
    {
        List<KeyValuePair<string, string>> form = [new("MessageUUID", uuid), new("Status", PlivoNames.Of(status)), new("Sequence", $"{sequence}")];
        var callback = new StatusCallback { MessageUuid = uuid, From = "14155550100", To = "14155550123", Status = status, Sequence = sequence, Raw = form };
        return (callback, WebhookReceipt.Of(nonce, "POST", Url, form));
    }

    [Fact]
    public async Task SameNonceWithTheSameParametersIsARetryStoredOnce()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();
        var (callback, receipt) = Signed(uuid, MessageState.Delivered, 3, "31627761595286130198");

        var first = await database.Writer.WriteStatusAsync(callback, receipt);
        var retry = await database.Writer.WriteStatusAsync(callback, receipt);

        Assert.Equal(WriteOutcome.Created, first.Outcome);
        Assert.Equal(WriteOutcome.Duplicate, retry.Outcome);
        await using var db = database.CreateDb();
        var stored = await db.MessageEvents.SingleAsync();
        Assert.Equal(1, stored.Repeats);
    }

    [Fact]
    public async Task SameNonceWithOtherParametersIsRefusedAndChangesNothing()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var victim = Guid.NewGuid().ToString();
        await database.Writer.WriteStatusAsync(Signed(victim, MessageState.Undelivered, 3, "11111111111111111111").Callback, Signed(victim, MessageState.Undelivered, 3, "11111111111111111111").Receipt);

        var rewritten = Signed(victim, MessageState.Delivered, 4, "11111111111111111111");
        var invented = Signed(Guid.NewGuid().ToString(), MessageState.Delivered, 3, "11111111111111111111");
        var refused = await database.Writer.WriteStatusAsync(rewritten.Callback, rewritten.Receipt);
        var refusedToo = await database.Writer.WriteStatusAsync(invented.Callback, invented.Receipt);

        Assert.Equal(WriteOutcome.Replayed, refused.Outcome);
        Assert.Equal(WriteOutcome.Replayed, refusedToo.Outcome);
        await using var db = database.CreateDb();
        var message = await db.Messages.SingleAsync();
        Assert.Equal((victim, MessageState.Undelivered), (message.MessageUuid, message.State));
        Assert.Equal(1, await db.MessageEvents.CountAsync());
    }

    [Fact]
    public async Task RetriesAndReplaysOfOneNonceInOneBatchAreJudgedAsIfTheyCameOneByOne()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var earlier = Guid.NewGuid().ToString();
        var seen = Signed(earlier, MessageState.Sent, 2, "66666666666666666666");
        await database.Writer.WriteStatusAsync(seen.Callback, seen.Receipt);
        var uuid = Guid.NewGuid().ToString();
        var original = Signed(uuid, MessageState.Delivered, 3, "77777777777777777777");
        var rewritten = Signed(uuid, MessageState.Undelivered, 3, "77777777777777777777");
        var forged = Signed(earlier, MessageState.Delivered, 3, "66666666666666666666");

        // Queued back to back, so the writer takes them in one group commit; the rule is the same in any batches.
        (StatusCallback Callback, WebhookReceipt Receipt)[] writes = [original, rewritten, original, forged, seen];
        var outcomes = (await Task.WhenAll(writes.Select(w => database.Writer.WriteStatusAsync(w.Callback, w.Receipt)))).Select(r => r.Outcome);

        Assert.Equal([WriteOutcome.Created, WriteOutcome.Replayed, WriteOutcome.Duplicate, WriteOutcome.Replayed, WriteOutcome.Duplicate], outcomes);
        await using var db = database.CreateDb();
        Assert.Equal(2, await db.WebhookNonces.CountAsync());
        var states = await db.Messages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.State).ToListAsync();
        Assert.Equal([MessageState.Sent, MessageState.Delivered], states);
    }

    [Fact]
    public async Task ANonceIsStillRefusedAfterTheWriterRestarts()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var uuid = Guid.NewGuid().ToString();
        var original = Signed(uuid, MessageState.Undelivered, 3, "22222222222222222222");
        await database.Writer.WriteStatusAsync(original.Callback, original.Receipt);

        await database.RestartWriterAsync();
        var rewritten = Signed(uuid, MessageState.Delivered, 4, "22222222222222222222");
        var result = await database.Writer.WriteStatusAsync(rewritten.Callback, rewritten.Receipt);

        Assert.Equal(WriteOutcome.Replayed, result.Outcome);
    }

    [Fact]
    public async Task NoncesPastTheirRetentionAreForgotten()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var old = Signed(Guid.NewGuid().ToString(), MessageState.Sent, 2, "33333333333333333333");
        await database.Writer.WriteStatusAsync(old.Callback, old.Receipt);

        database.Time.Advance(TimeSpan.FromHours(25));
        var fresh = Signed(Guid.NewGuid().ToString(), MessageState.Sent, 2, "44444444444444444444");
        await database.Writer.WriteStatusAsync(fresh.Callback, fresh.Receipt);
        // The trim runs after the batch that found it due; the next write is queued behind it.
        await database.Writer.WriteStatusAsync(Signed(Guid.NewGuid().ToString(), MessageState.Sent, 2, "55555555555555555555").Callback);

        await using var db = database.CreateDb();
        Assert.Equal(["44444444444444444444"], await db.WebhookNonces.Select(n => n.Nonce).ToListAsync());
    }

    [Fact]
    public void FingerprintTellsApartWhatV3SignsAlike()
    {
        // V3 signs POST parameters as key1value1key2value2 with no separator, so these two sign the same.
        List<KeyValuePair<string, string>> original = [new("ErrorCode", "30"), new("From", "14155550100")];
        List<KeyValuePair<string, string>> shifted = [new("ErrorCode3", "0"), new("From", "14155550100")];

        var a = WebhookReceipt.Of("1", "POST", Url, original);
        var b = WebhookReceipt.Of("1", "POST", Url, shifted);

        Assert.Equal(PlivoSignature.ComputeV3("token", "POST", Url, original, "1"), PlivoSignature.ComputeV3("token", "POST", Url, shifted, "1"));
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a.Fingerprint, WebhookReceipt.Of("1", "post", Url, original).Fingerprint);
    }
}

/// <summary>The same contract on PostgreSQL (a fresh database on the run's server for each test).</summary>
public sealed class PostgreSqlReplayLedgerTests : ReplayLedgerTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
