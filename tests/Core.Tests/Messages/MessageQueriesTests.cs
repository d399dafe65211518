using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dashboard.Core.Tests.Messages;

/// <summary>On SQLite; <see cref="PostgreSqlMessageQueriesTests"/> runs the same tests on PostgreSQL.</summary>
public class MessageQueriesTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    private static StatusCallback Sent(string uuid, string from, string to, int minute) => new()
    {
        MessageUuid = uuid,
        From = from,
        To = to,
        Status = MessageState.Sent,
        Sequence = 2,
        MessageTime = new DateTime(2026, 11, 19, 8, minute, 0, DateTimeKind.Utc),
        Raw = [],
    };

    [Fact]
    public async Task SearchByNumberFindsBothDirectionsNewestFirstAndPagesByKeyset()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        var queries = database.Queries();
        string[] uuids = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString())];
        await database.Writer.WriteStatusAsync(Sent(uuids[0], "14155550100", "447700900123", 1));
        await database.Writer.WriteStatusAsync(Sent(uuids[1], "447700900123", "14155550100", 2));
        await database.Writer.WriteStatusAsync(Sent(uuids[2], "14155550100", "14155550199", 3));
        await database.Writer.WriteStatusAsync(Sent(uuids[3], "14155550100", "447700900123", 4));
        await database.Writer.WriteStatusAsync(Sent(uuids[4], "14155550100", "447700900123", 5));

        var first = await queries.ListAsync(new MessageFilter { Search = "+44 7700 900123", Limit = 2 });
        var last = first.Messages[^1];
        var second = await queries.ListAsync(new MessageFilter { Search = "447700900123", Limit = 2, Before = (last.MessageTime, last.Id) });

        Assert.Equal([uuids[4], uuids[3]], first.Messages.Select(m => m.MessageUuid));
        Assert.True(first.HasMore);
        Assert.Equal([uuids[1], uuids[0]], second.Messages.Select(m => m.MessageUuid));
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task TheNewMessagesOfABatchAreReadNewestFirstAndNoMoreThanThePageShows()
    {
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        string[] uuids = [.. Enumerable.Range(0, 5).Select(_ => Guid.NewGuid().ToString())];
        for (var i = 0; i < uuids.Length; i++)
        {
            // The third is from another sender: not the filter's.
            await database.Writer.WriteStatusAsync(Sent(uuids[i], i == 2 ? "447700900123" : "14155550100", "14155550199", i + 1));
        }

        var filter = new MessageFilter { FromNumber = "14155550100" };
        var newest = await database.Queries().MatchingAsync(filter, uuids, limit: 2);
        var all = await database.Queries().MatchingAsync(filter, uuids, limit: 50);

        Assert.Equal([uuids[4], uuids[3]], newest.Select(m => m.MessageUuid));
        Assert.Equal([uuids[4], uuids[3], uuids[1], uuids[0]], all.Select(m => m.MessageUuid));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(2_100)]
    public async Task TextSearchPagesTheSameWhetherItMatchesFewOrManyMessages(int matching)
    {
        await using var database = await TempDatabase.CreateAsync();
        var queries = database.Queries();
        var start = new DateTime(2026, 11, 19, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = database.CreateDb())
        {
            // Two messages share each time, so the cursor's id decides between them.
            db.Messages.AddRange(Enumerable.Range(0, matching + 10).Select(i => new Message
            {
                MessageUuid = Guid.NewGuid().ToString(),
                Text = i < matching ? $"Your Parcel {i} is on its way" : "Something else",
                MessageTime = start.AddSeconds(i / 2),
                UpdatedAt = start,
            }));
            await db.SaveChangesAsync();
        }

        var newest = await queries.ListAsync(new MessageFilter { Search = "parcel", Limit = 3 });
        var next = await queries.ListAsync(new MessageFilter { Search = "PARCEL", Limit = 3, Before = (newest.Messages[^1].MessageTime, newest.Messages[^1].Id) });
        var oldest = await queries.ListAsync(new MessageFilter { Search = "parcel", Limit = 3, Order = MessageOrder.OldestFirst });
        var count = await queries.CountAsync(new MessageFilter { Search = "parcel" });

        Assert.Equal([$"Your Parcel {matching - 1} is on its way", $"Your Parcel {matching - 2} is on its way", $"Your Parcel {matching - 3} is on its way"], newest.Messages.Select(m => m.Text));
        Assert.True(newest.HasMore);
        Assert.Equal([$"Your Parcel {matching - 4} is on its way", $"Your Parcel {matching - 5} is on its way", $"Your Parcel {matching - 6} is on its way"], next.Messages.Select(m => m.Text));
        Assert.Equal(["Your Parcel 0 is on its way", "Your Parcel 1 is on its way", "Your Parcel 2 is on its way"], oldest.Messages.Select(m => m.Text));
        Assert.Equal(new MessageCount(matching, false), count);
    }
}

/// <summary>The same contract on PostgreSQL (a fresh database on the run's server for each test).</summary>
public sealed class PostgreSqlMessageQueriesTests : MessageQueriesTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;

    [Fact]
    public async Task ATextSearchThatMatchesMostMessagesWalksTheNewestFirstIndex()
    {
        // Past the few-matches path, the log reads the newest matches in time order. PostgreSQL has no statistics on
        // lower("Text") of its own and guessed a handful of matches, so it scanned and sorted every message (0.5 s at
        // 1M) instead of stopping at the first 50 newest; the migration's expression statistics tell it better.
        await using var database = await TempDatabase.CreateAsync(provider: Provider);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand("""
            INSERT INTO "Messages" ("MessageUuid", "Direction", "Type", "State", "FromNumber", "ToNumber", "Text", "MessageTime", "UpdatedAt", "MediaCount")
            SELECT 'uuid-' || g, 1, 0, 2, '14155550100', '14155550123', 'Your BENCHMARK code is ' || g, g, g, 0
            FROM generate_series(1, 50000) AS g;
            ANALYZE "Messages";
            """, connection))
        {
            await fill.ExecuteNonQueryAsync();
        }

        await using var db = database.CreateDb();
        await db.Database.OpenConnectionAsync();
        // The statement EF Core sends, with its parameters bound, explained instead of run.
        await using var explain = db.Messages.Where(m => m.Text != null && EF.Functions.Like(m.Text.ToLower(), "%benchmark%", MessageSearch.Escape))
            .OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id).Take(51).CreateDbCommand();
        explain.CommandText = "EXPLAIN " + explain.CommandText;
        var text = await QueryPlan.ReadAsync(explain);
        Assert.Contains("Index Scan Backward", text);
        Assert.DoesNotContain("Sort", text);
    }
}
