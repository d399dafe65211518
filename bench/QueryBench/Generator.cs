using System.Diagnostics;
using Dashboard.Core.Messages;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dashboard.Bench;

/// <summary>
/// Fills a migrated database with realistic message history fast (SQLite: raw prepared inserts, 50,000 per
/// transaction; PostgreSQL: binary COPY), then builds the DailyFacts rollup and the latency histograms from it as the writer would have: 90 days,
/// 85 % outbound, SMS/MMS/WhatsApp 70/10/20, delivery 91 %, undelivered 5 %, failed 2 %, sent-only 2 %, carriers and
/// countries from Numbering. Both providers get the same rows for the same seed.
/// </summary>
internal static class Generator
{
    private const int Batch = 50_000;

    /// <summary>The columns each generated row fills, in the order of <see cref="Rows"/>' values.</summary>
    private static readonly string[] Columns =
    [
        "MessageUuid", "Direction", "Type", "State", "LastSequence", "FromNumber", "ToNumber", "Text", "Units", "TotalRate",
        "TotalAmount", "ErrorCode", "Mcc", "Mnc", "CountryIso2", "PowerpackUuid", "ConversationOrigin", "MessageTime", "QueuedTime",
        "SentTime", "DeliveryReportTime", "UpdatedAt", "MediaCount",
    ];

    public static Task FillAsync(StorageProvider provider, string connectionString, int count, int seed = 7) =>
        provider == StorageProvider.PostgreSql ? FillPostgreSqlAsync(connectionString, count, seed) : FillSqliteAsync(connectionString, count, seed);

    private static async Task FillSqliteAsync(string connectionString, int count, int seed)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        using var rows = Rows(count, seed).GetEnumerator();
        for (var start = 0; start < count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO Messages ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
            foreach (var column in Columns)
            {
                insert.Parameters.Add(new SqliteParameter("$" + column, null));
            }

            insert.Prepare();
            var end = Math.Min(count, start + Batch);
            for (var i = start; i < end && rows.MoveNext(); i++)
            {
                for (var p = 0; p < rows.Current.Length; p++)
                {
                    insert.Parameters[p].Value = rows.Current[p] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            Console.Error.Write($"\r  generated {end:N0} / {count:N0} messages ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        Console.Error.WriteLine();
        // The rollup the writer maintains, built from the generated messages.
        foreach (var statement in DailyFactBackfill.Statements(StorageProvider.Sqlite))
        {
            Exec(connection, statement);
        }

        // And the latency histograms, with the SQL of the migration that created them (on the then empty table).
        Exec(connection, "DELETE FROM LatencyBuckets;");
        Exec(connection, LatencyHistogram.BackfillSql(postgreSql: false));

        Exec(connection, "PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);");
        await Task.CompletedTask;
    }

    private static async Task FillPostgreSqlAsync(string connectionString, int count, int seed)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY \"Messages\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in Rows(count, seed))
            {
                await copy.WriteRowAsync(default, row);
                if (++written % Batch == 0)
                {
                    Console.Error.Write($"\r  generated {written:N0} / {count:N0} messages ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            }

            await copy.CompleteAsync();
        }

        Console.Error.WriteLine();
        foreach (var statement in DailyFactBackfill.Statements(StorageProvider.PostgreSql)
            .Append("""DELETE FROM "LatencyBuckets";""").Append(LatencyHistogram.BackfillSql(postgreSql: true)).Append("VACUUM ANALYZE"))
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The generated messages, each the values of <see cref="Columns"/> (times as UTC ticks, as stored).</summary>
    private static IEnumerable<object?[]> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var networks = Numbering.Networks.ToArray();
        var now = DateTime.UtcNow;
        string[] undeliveredCodes = ["30", "30", "20", "80", "70", "50", "60", "1000"];
        string[] failedCodes = ["900", "420", "450", "200", "40"];
        for (var i = 0; i < count; i++)
        {
            // Newer messages are denser: traffic grew over the 90 days.
            var age = TimeSpan.FromDays(90 * Math.Pow(random.NextDouble(), 1.5));
            var time = now - age;
            var inbound = random.NextDouble() < 0.15;
            var typeRoll = random.NextDouble();
            var type = typeRoll < 0.7 ? MessageType.Sms : typeRoll < 0.8 ? MessageType.Mms : MessageType.WhatsApp;
            var network = networks[(int)(Math.Pow(random.NextDouble(), 2) * networks.Length)];
            var roll = random.NextDouble();
            var state = inbound ? MessageState.Delivered
                : roll < 0.91 ? (type == MessageType.WhatsApp && random.NextDouble() < 0.6 ? MessageState.Read : MessageState.Delivered)
                : roll < 0.96 ? MessageState.Undelivered
                : roll < 0.98 ? MessageState.Failed
                : MessageState.Sent;
            var error = state switch
            {
                MessageState.Undelivered => undeliveredCodes[random.Next(undeliveredCodes.Length)],
                MessageState.Failed => failedCodes[random.Next(failedCodes.Length)],
                MessageState.Delivered or MessageState.Read => "000",
                _ => null,
            };
            var units = type == MessageType.Sms ? 1 + (random.NextDouble() < 0.2 ? random.Next(1, 4) : 0) : 1;
            var rate = type switch { MessageType.Mms => 2000, MessageType.WhatsApp => 1400, _ => 650 };
            var sent = state == MessageState.Failed ? (DateTime?)null : time.AddMilliseconds(200 + random.Next(3000));
            var dlr = state is MessageState.Delivered or MessageState.Read or MessageState.Undelivered && sent is { } s ? s.AddMilliseconds(500 + random.Next(20_000)) : (DateTime?)null;
            var ours = inbound ? "1415555" + random.Next(1000, 9999) : "14155550100";
            var ticks = UtcDateTimeConverter.ToDb(time);
            yield return
            [
                Guid.NewGuid().ToString(), inbound ? 1 : 0, (int)type, (int)state, 3, inbound ? ours : "14155550100",
                inbound ? "14155550100" : "1" + random.Next(200, 999) + random.Next(1_000_000, 9_999_999), "Hello from the benchmark", units,
                (long)rate, state == MessageState.Failed ? 0L : (long)rate * units, error, network.Mcc, network.Mnc, network.CountryIso2,
                random.NextDouble() < 0.3 ? "9f1c7a52-3e8d-4b1a-9c55-5d0e2a7b6c11" : null,
                type == MessageType.WhatsApp ? (random.NextDouble() < 0.5 ? "service" : random.NextDouble() < 0.7 ? "utility" : "marketing") : null,
                ticks, ticks, sent is { } st ? UtcDateTimeConverter.ToDb(st) : null, dlr is { } d ? UtcDateTimeConverter.ToDb(d) : null,
                ticks, 0,
            ];
        }
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
