using System.Diagnostics;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Dashboard.Bench;

/// <summary>
/// Fills a migrated database with realistic message history fast (raw prepared inserts, 50,000 per transaction),
/// then builds the DailyTotals rollup from it as the writer would have: 90 days, 85 % outbound, SMS/MMS/WhatsApp
/// 70/10/20, delivery 91 %, undelivered 5 %, failed 2 %, sent-only 2 %, carriers and countries from Numbering.
/// </summary>
internal static class Generator
{
    public static async Task FillAsync(string connectionString, int count, int seed = 7)
    {
        var watch = Stopwatch.StartNew();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        var random = new Random(seed);
        var networks = Numbering.Networks.ToArray();
        var now = DateTime.UtcNow;
        string[] undeliveredCodes = ["30", "30", "20", "80", "70", "50", "60", "1000"];
        string[] failedCodes = ["900", "420", "450", "200", "40"];
        const int Batch = 50_000;
        for (var start = 0; start < count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO Messages (MessageUuid, Direction, Type, State, LastSequence, FromNumber, ToNumber, Text, Units, TotalRate,
                    TotalAmount, ErrorCode, Mcc, Mnc, CountryIso2, PowerpackUuid, ConversationOrigin, MessageTime, QueuedTime,
                    SentTime, DeliveryReportTime, UpdatedAt, MediaCount)
                VALUES ($uuid, $direction, $type, $state, 3, $from, $to, $text, $units, $rate, $amount, $error, $mcc, $mnc, $country,
                    $powerpack, $origin, $time, $time, $sent, $dlr, $time, 0)
                """;
            string[] names = ["$uuid", "$direction", "$type", "$state", "$from", "$to", "$text", "$units", "$rate", "$amount", "$error", "$mcc", "$mnc", "$country", "$powerpack", "$origin", "$time", "$sent", "$dlr"];
            foreach (var name in names)
            {
                insert.Parameters.Add(new SqliteParameter(name, null));
            }

            insert.Prepare();
            var end = Math.Min(count, start + Batch);
            for (var i = start; i < end; i++)
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
                object?[] values =
                [
                    Guid.NewGuid().ToString(), inbound ? 1 : 0, (int)type, (int)state, inbound ? ours : "14155550100",
                    inbound ? "14155550100" : "1" + random.Next(200, 999) + random.Next(1_000_000, 9_999_999), "Hello from the benchmark", units,
                    rate, state == MessageState.Failed ? 0 : (long)rate * units, error, network.Mcc, network.Mnc, network.CountryIso2,
                    random.NextDouble() < 0.3 ? "9f1c7a52-3e8d-4b1a-9c55-5d0e2a7b6c11" : null,
                    type == MessageType.WhatsApp ? (random.NextDouble() < 0.5 ? "service" : random.NextDouble() < 0.7 ? "utility" : "marketing") : null,
                    UtcDateTimeConverter.ToDb(time), sent is { } st ? UtcDateTimeConverter.ToDb(st) : null, dlr is { } d ? UtcDateTimeConverter.ToDb(d) : null,
                ];
                for (var p = 0; p < values.Length; p++)
                {
                    insert.Parameters[p].Value = values[p] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            Console.Error.Write($"\r  generated {end:N0} / {count:N0} messages ({watch.Elapsed.TotalSeconds:F0} s)");
        }

        Console.Error.WriteLine();
        // The rollup the writer maintains, built in one pass: day from UTC ticks (0001-01-01 epoch).
        Exec(connection, """
            DELETE FROM DailyTotals;
            INSERT INTO DailyTotals (Day, Direction, Type, State, CountryIso2, ErrorCode, Mcc, Mnc, ConversationOrigin, PowerpackUuid, Messages, Units, Amount)
            SELECT date((MessageTime - 621355968000000000) / 10000000, 'unixepoch'), Direction, Type, State, COALESCE(CountryIso2, ''),
                COALESCE(ErrorCode, ''), COALESCE(Mcc, ''), COALESCE(Mnc, ''), COALESCE(ConversationOrigin, ''), COALESCE(PowerpackUuid, ''),
                COUNT(*), SUM(COALESCE(Units, 0)), SUM(COALESCE(TotalAmount, 0))
            FROM Messages GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
            PRAGMA optimize; PRAGMA wal_checkpoint(TRUNCATE);
            """);
        await Task.CompletedTask;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
