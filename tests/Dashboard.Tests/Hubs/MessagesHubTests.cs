using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Hubs;

[Collection(DashboardCollection.Name)]
public class MessagesHubTests(DashboardFactory app)
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task ConnectedClientReceivesTheChangeOfACallback()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var socket = await ConnectAsync(timeout.Token);
        var uuid = Callbacks.NewUuid();

        var response = await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "delivered", 3, ("TotalAmount", "0.00650")));
        var change = await ReceiveChangeAsync(socket, uuid, timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Equal("delivered", change.GetProperty("state").GetString());
        Assert.Equal("outbound", change.GetProperty("direction").GetString());
        Assert.Equal("sms", change.GetProperty("type").GetString());
        Assert.Equal("0.00650", change.GetProperty("totalAmount").GetString());
    }

    private async Task<WebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers["X-Api-Key"] = DashboardFactory.AdminApiKey;
        var socket = await client.ConnectAsync(new Uri("ws://localhost/hubs/messages"), cancellationToken);
        await SendAsync(socket, """{"protocol":"json","version":1}""", cancellationToken);
        var handshake = await ReceiveRecordsAsync(socket, cancellationToken);
        Assert.Equal("{}", handshake[0]);
        return socket;
    }

    /// <summary>Reads hub invocations until one carries the message, skipping pings and other messages' changes.</summary>
    private static async Task<JsonElement> ReceiveChangeAsync(WebSocket socket, string uuid, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var record in await ReceiveRecordsAsync(socket, cancellationToken))
            {
                using var document = JsonDocument.Parse(record);
                var root = document.RootElement;
                if (root.GetProperty("type").GetInt32() != 1 || root.GetProperty("target").GetString() != "messagesChanged")
                {
                    continue;
                }

                foreach (var change in root.GetProperty("arguments")[0].EnumerateArray())
                {
                    if (change.GetProperty("messageUuid").GetString() == uuid)
                    {
                        return change.Clone();
                    }
                }
            }
        }
    }

    private static Task SendAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    private static async Task<string[]> ReceiveRecordsAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
        while (!result.EndOfMessage || text[^1] != RecordSeparator);

        return text.ToString().Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }
}
