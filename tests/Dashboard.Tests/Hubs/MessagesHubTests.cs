using Dashboard.Hubs;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Hubs;

[Collection(DashboardCollection.Name)]
public class MessagesHubTests(DashboardFactory app)
{
    [Fact]
    public async Task ConnectedClientReceivesTheChangeOfACallback()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var uuid = Callbacks.NewUuid();
        var received = new TaskCompletionSource<MessageChangeDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = Connect(DashboardFactory.AdminApiKey);
        connection.On<MessageChangeDto[]>(MessagesHub.ChangedMethod, changes =>
        {
            if (changes.FirstOrDefault(c => c.MessageUuid == uuid) is { } change)
            {
                received.TrySetResult(change);
            }
        });
        await connection.StartAsync(timeout.Token);

        var response = await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "delivered", 3, ("TotalAmount", "0.00650")));
        var change = await received.Task.WaitAsync(timeout.Token);

        response.EnsureSuccessStatusCode();
        Assert.Equal("delivered", change.State);
        Assert.Equal("outbound", change.Direction);
        Assert.Equal("sms", change.Type);
        Assert.Equal("0.00650", change.TotalAmount);
    }

    [Fact]
    public async Task AnAgentKeyCannotSubscribe()
    {
        await using var connection = Connect(DashboardFactory.AgentApiKey);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AConnectionOpenedWithAKeyIsClosedWhenTheKeyIsRevoked()
    {
        var keys = app.Services.GetRequiredService<Core.Users.ApiKeyService>();
        var key = await keys.CreateAsync("hub-revocation", Core.Users.UserRoles.Support);
        var id = (await keys.ListAsync()).Single(k => k.Name == "hub-revocation").Id;
        await using var connection = Connect(key);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        await keys.RevokeAsync(id);

        await closed.Task.WaitAsync(Dashboard.Security.SessionValidator.RevalidationInterval * 4);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    /// <summary>The .NET SignalR client over WebSockets, through the test server, with an API key.</summary>
    private HubConnection Connect(string apiKey) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, MessagesHub.Path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["X-Api-Key"] = apiKey;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.WebSocketFactory = (context, cancellationToken) =>
                {
                    var client = app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers["X-Api-Key"] = apiKey;
                    return new ValueTask<System.Net.WebSockets.WebSocket>(client.ConnectAsync(context.Uri, cancellationToken));
                };
            })
            .Build();
}
