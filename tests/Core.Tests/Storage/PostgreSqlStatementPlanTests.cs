using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Storage.PostgreSql;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Npgsql;

namespace Dashboard.Core.Tests.Storage;

/// <summary>
/// The PostgreSQL writer runs the same statements all day, so each is parsed and planned once on its connection, not per
/// callback (ADR-009, "Measured again"): an argument that is null in one callback and set in the next must not make it a
/// new statement. Read from the server's own count of plans (pg_stat_statements, loaded by the test server).
/// </summary>
public sealed class PostgreSqlStatementPlanTests
{
    [Fact]
    public async Task EachWriteStatementIsPlannedAFewTimesNotOncePerCallback()
    {
        await using var database = await TempDatabase.CreateAsync(provider: StorageProvider.PostgreSql);
        var time = new DateTime(2026, 11, 19, 8, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 40; i++)
        {
            var uuid = Guid.NewGuid().ToString();
            // Every other message without its carrier or price; every third one failing with an error code.
            var known = i % 2 == 0;
            var fails = i % 3 == 0;
            StatusCallback Callback(MessageState state, int sequence, string? error = null) => new()
            {
                MessageUuid = uuid, From = "14155550100", To = $"1415555{i:0000}", Status = state, Sequence = sequence,
                ErrorCode = error, Units = known ? 1 : null, TotalAmount = known ? 650 : null, TotalRate = known ? 650 : null,
                Mcc = known ? "310" : null, Mnc = known ? "410" : null, MessageTime = time, Raw = [new("MessageUUID", uuid)],
            };

            await database.Writer.WriteStatusAsync(Callback(MessageState.Queued, 1));
            await database.Writer.WriteStatusAsync(Callback(MessageState.Sent, 2));
            await database.Writer.WriteStatusAsync(fails ? Callback(MessageState.Failed, 3, "30") : Callback(MessageState.Delivered, 3));
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT query, calls, plans FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND (query LIKE 'INSERT%' OR query LIKE 'UPDATE%') AND calls >= 20
            """, connection);
        var statements = new List<(string Query, long Calls, long Plans)>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                statements.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        // The message inserts and updates, the events, the conversation: each seen at least 20 times.
        Assert.True(statements.Count >= 4, $"{statements.Count} write statements were counted");
        // PostgreSQL plans a prepared statement for its first five runs, then keeps a generic plan: a few plans each.
        Assert.All(statements, s => Assert.True(s.Plans <= 10, $"planned {s.Plans} times in {s.Calls} runs: {s.Query}"));
    }

    [Fact]
    public async Task TheBatchLookupReadsByIndexEvenInAPlanMadeWhileTheTablesWereEmpty()
    {
        // The writer's statements are prepared on its connection, so the plan PostgreSQL keeps may be made in a new
        // deployment's first second, when Messages and MessageEvents are empty and never analyzed: that plan must still
        // look each uuid up by its index, not scan (and hash) the whole table for every batch once it has grown.
        await using var database = await TempDatabase.CreateAsync(provider: StorageProvider.PostgreSql);
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var lookup = PostgreSqlWriterSql.Instance.FindMessages.Replace("@uuids", "$1", StringComparison.Ordinal);
        await using (var prepare = new NpgsqlCommand($"SET plan_cache_mode = force_generic_plan; PREPARE lookup(text[]) AS {lookup}", connection))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN EXECUTE lookup(ARRAY['a', 'b'])", connection);
        var text = await QueryPlan.ReadAsync(explain);
        Assert.DoesNotContain("Seq Scan", text);
        Assert.Contains("IX_Messages_MessageUuid", text);
        Assert.Contains("IX_MessageEvents_MessageId_Sequence_State", text);
    }
}
