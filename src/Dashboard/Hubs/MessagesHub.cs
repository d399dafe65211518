using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Security;
using Microsoft.AspNetCore.SignalR;

namespace Dashboard.Hubs;

/// <summary>
/// Live message changes for external clients (the pages take them in-process). Clients receive
/// <c>messagesChanged</c> with an array of <see cref="MessageChangeDto"/>, batched at most every 100 ms.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Security.Policies.Operations)]
public sealed class MessagesHub(HubSessions sessions) : Hub
{
    public const string Path = "/hubs/messages";
    public const string ChangedMethod = "messagesChanged";

    public override Task OnConnectedAsync()
    {
        sessions.Add(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        sessions.Remove(Context);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// The open hub connections, re-checked every <see cref="SessionValidator.RevalidationInterval"/>: a connection whose
/// user's session ended or whose stored API key was revoked is closed, as an open Blazor circuit loses its user.
/// </summary>
public sealed partial class HubSessions(SessionValidator validator, ILogger<HubSessions> logger) : BackgroundService
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HubCallerContext> _connections = new(StringComparer.Ordinal);

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(HubCallerContext context) => _connections.TryRemove(context.ConnectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SessionValidator.RevalidationInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var (id, context) in _connections)
            {
                if (context.User is not { } user || !await validator.IsValidAsync(user, stoppingToken))
                {
                    LogClosed(logger, id);
                    _connections.TryRemove(id, out _);
                    context.Abort();
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed hub connection {ConnectionId}: its session ended or its key was revoked")]
    private static partial void LogClosed(ILogger logger, string connectionId);
}

/// <summary>A change as external clients see it: Plivo's names for direction, type and state; amounts as Plivo strings.</summary>
public sealed record MessageChangeDto(
    string MessageUuid, string Direction, string Type, string State, string? ErrorCode, string TotalAmount, DateTime At, bool Created, bool Applied)
{
    public static MessageChangeDto From(MessageChange c) =>
        new(c.MessageUuid, PlivoNames.Of(c.Direction), PlivoNames.Of(c.Type), PlivoNames.Of(c.State), c.ErrorCode,
            PlivoAmount.Format(c.TotalAmount), c.At, c.Created, c.Applied);
}

/// <summary>
/// Forwards the message changes this instance takes to the hub's clients; a slow client only loses its own oldest events. Only
/// this instance's: with Redis, SignalR's backplane brings them to the clients of every instance (and another
/// instance's changes come from its own broadcaster), so no client sees a change twice.
/// </summary>
public sealed partial class LiveHubBroadcaster(LiveFeed feed, IHubContext<MessagesHub> hub, ILogger<LiveHubBroadcaster> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(thisInstanceOnly: true, accepts: c => c is MessageChange);
        var failing = false;
        try
        {
            await foreach (var changes in subscription.ReadBatchesAsync(Interval, cancellationToken: stoppingToken))
            {
                // The hub's contract is message changes; the inbox's own conversation changes stay with the pages.
                var batch = changes.OfType<MessageChange>().ToList();
                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    await hub.Clients.All.SendAsync(MessagesHub.ChangedMethod, batch.Select(MessageChangeDto.From).ToArray(), stoppingToken);
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // With the backplane, every batch fails while Redis is away: say so once per outage.
                    if (!failing)
                    {
                        LogBroadcastFailed(logger, ex, batch.Count);
                    }

                    failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not broadcast {Count} message changes to the hub's clients (logged once until it works again)")]
    private static partial void LogBroadcastFailed(ILogger logger, Exception exception, int count);
}
