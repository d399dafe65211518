using System.Globalization;
using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Tests.Shared;

namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Eleven messages with known days, carriers, states, costs and timings, posted as signed webhooks to one app with a
/// stopped clock (<see cref="ReportsFactory.Now"/>). Report, filter, export and page tests assert exact numbers on it.
/// </summary>
/// <remarks>
/// Outbound (MessageTime, carrier, final state, units, amount, queued→sent, queued→delivered):
/// <code>
/// A 11-10 10:00 sms US 310/410 delivered        1  0.00650  1 s    3 s
/// B 11-10 11:00 sms US 310/410 delivered        2  0.01300  2 s    7 s
/// C 11-10 12:00 sms US 310/410 undelivered 30   1  0.00650  1 s
/// D 11-10 13:00 sms GB  -/-    failed 900       1  0.00000
/// E 11-12 09:00 wa  GB 234/10  delivered        1  0.01400  0.5 s  2.5 s  powerpack, marketing
/// F 11-12 10:00 wa  GB 234/10  read             1  0.01400  0.5 s         powerpack, utility
/// G 11-12 12:00 mms US 311/480 sent             1  0.02000  3 s           sender 14155550101
/// H 11-15 23:50 sms DE 262/01  undelivered 30   1  0.00750  4 s
/// K 11-15 23:52 sms US 310/410 delivered        3  0.01950  1 s    2 s    powerpack
/// I 11-15 23:55 sms DE  -/-    failed 900       1  0.00000
/// </code>
/// and J, an inbound SMS from the German number, stored at the clock's now (11-16 00:00).
/// </remarks>
public class SeededReports : IAsyncLifetime
{
    public const string Powerpack = "1d5f3dd8-b207-4738-b59f-3c2ac7d3461c";
    public const string UsNumber = "14155550123";
    public const string GbNumber = "447700900123";
    public const string DeNumber = "4915112345678";

    public ReportsFactory App { get; private set; } = null!;

    public Dictionary<string, string> Uuids { get; } = [];

    /// <summary>The app the messages are posted to: on SQLite here, on PostgreSQL in <see cref="PostgreSqlSeededReports"/>.</summary>
    protected virtual Task<ReportsFactory> CreateAppAsync() => Task.FromResult(new ReportsFactory());

    public async Task InitializeAsync()
    {
        App = await CreateAppAsync();
        await OutboundAsync("A", "2026-11-10 10:00:00", "sms", UsNumber, "310", "410", "delivered", null, 1, "0.00650", 1, 3);
        await OutboundAsync("B", "2026-11-10 11:00:00", "sms", UsNumber, "310", "410", "delivered", null, 2, "0.01300", 2, 7);
        await OutboundAsync("C", "2026-11-10 12:00:00", "sms", UsNumber, "310", "410", "undelivered", "30", 1, "0.00650", 1, 4);
        await OutboundAsync("D", "2026-11-10 13:00:00", "sms", GbNumber, "", "", "failed", "900", 1, "0.00000", null, null);
        await OutboundAsync("E", "2026-11-12 09:00:00", "whatsapp", GbNumber, "234", "10", "delivered", null, 1, "0.01400", 0.5, 2.5,
            powerpack: Powerpack, origin: "marketing");
        await OutboundAsync("F", "2026-11-12 10:00:00", "whatsapp", GbNumber, "234", "10", "read", null, 1, "0.01400", 0.5, 2,
            powerpack: Powerpack, origin: "utility");
        await OutboundAsync("G", "2026-11-12 12:00:00", "mms", "12125550123", "311", "480", "sent", null, 1, "0.02000", 3, null,
            from: "14155550101");
        await OutboundAsync("H", "2026-11-15 23:50:00", "sms", DeNumber, "262", "01", "undelivered", "30", 1, "0.00750", 4, 6);
        await OutboundAsync("K", "2026-11-15 23:52:00", "sms", UsNumber, "310", "410", "delivered", null, 3, "0.01950", 1, 2,
            powerpack: Powerpack);
        await OutboundAsync("I", "2026-11-15 23:55:00", "sms", DeNumber, "", "", "failed", "900", 1, "0.00000", null, null);

        Uuids["J"] = Callbacks.NewUuid();
        Ok(await App.PostSignedAsync("/plivo/inbound", Callbacks.Inbound(Uuids["J"], "Hallo", from: DeNumber)));
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }

    private async Task OutboundAsync(
        string name, string messageTime, string type, string to, string mcc, string mnc, string final, string? errorCode,
        int units, string amount, double? secondsToSent, double? secondsToDelivered,
        string from = "14155550100", string powerpack = "", string? origin = null)
    {
        var uuid = Callbacks.NewUuid();
        Uuids[name] = uuid;
        var queued = DateTime.Parse(messageTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var sent = secondsToSent is { } s ? PlivoTime.FormatCallback(queued.AddSeconds(s)) : "";
        var delivered = secondsToDelivered is { } d ? PlivoTime.FormatCallback(queued.AddSeconds(d)) : "";

        List<KeyValuePair<string, string>> Form(string status, int sequence, string sentTime, string reportTime, string? error)
        {
            var extra = new List<(string, string)>
            {
                ("Type", type), ("To", to), ("From", from), ("MCC", mcc), ("MNC", mnc), ("Units", units.ToString(CultureInfo.InvariantCulture)),
                ("TotalAmount", amount), ("TotalRate", amount), ("MessageTime", PlivoTime.FormatCallback(queued)),
                ("QueuedTime", PlivoTime.FormatCallback(queued)), ("SentTime", sentTime), ("DeliveryReportTime", reportTime),
                ("ErrorCode", error ?? ""), ("PowerpackUUID", powerpack),
            };
            if (origin is not null)
            {
                extra.Add(("ConversationID", $"conv-{name}"));
                extra.Add(("ConversationOrigin", origin));
            }

            return Callbacks.Status(uuid, status, sequence, [.. extra]);
        }

        Ok(await App.PostSignedAsync("/plivo/status", Form("queued", 1, "", "", null)));
        if (final == "failed")
        {
            Ok(await App.PostSignedAsync("/plivo/status", Form("failed", 2, "", "", errorCode)));
            return;
        }

        Ok(await App.PostSignedAsync("/plivo/status", Form("sent", 2, sent, "", null)));
        if (final is "delivered" or "read" or "undelivered")
        {
            var status = final == "undelivered" ? "undelivered" : "delivered";
            Ok(await App.PostSignedAsync("/plivo/status", Form(status, 3, sent, delivered, errorCode ?? "000")));
        }

        if (final == "read")
        {
            var read = PlivoTime.FormatCallback(queued.AddSeconds(40));
            Ok(await App.PostSignedAsync("/plivo/status", Form("read", 4, sent, read, "000")));
        }
    }

    private static void Ok(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Seeding failed: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}");
        }
    }
}

/// <summary>The report, filter, export and page tests share one seeded app.</summary>
[CollectionDefinition(Name)]
public sealed class SeededReportsCollection : ICollectionFixture<SeededReports>
{
    public const string Name = "seeded reports";
}

/// <summary>The same eleven messages on PostgreSQL (a database of its own on the run's server): every report, filter,
/// export and page answers the same there.</summary>
public sealed class PostgreSqlSeededReports : SeededReports
{
    protected override async Task<ReportsFactory> CreateAppAsync() =>
        new PostgreSqlReportsFactory(await (await PostgresServer.GetAsync()).CreateDatabaseAsync());
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlSeededReportsCollection : ICollectionFixture<PostgreSqlSeededReports>
{
    public const string Name = "seeded reports on PostgreSQL";
}
