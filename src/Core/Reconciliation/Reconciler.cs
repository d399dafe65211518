using System.Globalization;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reconciliation;

/// <summary>
/// Asks Plivo about silent messages: every <see cref="ReconciliationOptions.Interval"/>, the ones due
/// (<see cref="SilentMessages.DueAsync"/>) go one by one, paced to <see cref="ReconciliationOptions.RequestsPerSecond"/>, to Plivo's
/// Get Message API. What Plivo answers goes through the writer as a <see cref="MessageEventKind.Reconciled"/> event, by
/// the same forward-only rules as a callback (a state never moves back); a message Plivo does not know is flagged
/// (<see cref="MessageEventKind.UnknownToPlivo"/>) and not asked about again. A message Plivo says is still on its way is
/// asked about again one silent period later (the stored answer's time says when; no memory of our own), until
/// <see cref="ReconciliationOptions.StopAskingAfter"/>. A refusal (429, 5xx after the client's retries) or no answer ends the
/// round: nothing is stored for it, and the next round starts over.
/// </summary>
public sealed partial class Reconciler(
    SilentMessages silent,
    MessageWriter writer,
    IServiceScopeFactory scopes,
    Leadership leadership,
    IOptionsMonitor<ReconciliationOptions> options,
    TimeProvider time,
    ILogger<Reconciler> logger) : BackgroundService
{
    /// <summary>Rounds run on the instance holding the lease only: two instances would ask Plivo twice (ADR-011).</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => leadership.RunWhileLeaderAsync(RunRoundsAsync, stoppingToken);

    private async Task RunRoundsAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var o = options.CurrentValue;
            if (o.Enabled)
            {
                try
                {
                    await RunRoundAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRoundFailed(logger, ex);
                }
            }

            await Task.Delay(o.Interval, time, stoppingToken);
        }
    }

    /// <summary>One round: returns how many messages Plivo was asked about.</summary>
    public async Task<int> RunRoundAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var due = await silent.DueAsync(o.MaxPerRound, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var plivo = scope.ServiceProvider.GetRequiredService<IPlivoClient>();
        var pause = TimeSpan.FromSeconds(1 / o.RequestsPerSecond);
        var asked = 0;
        foreach (var uuid in due)
        {
            if (asked > 0)
            {
                await Task.Delay(pause, time, cancellationToken);
            }

            PlivoMessage? answer;
            try
            {
                answer = await plivo.GetMessageAsync(uuid, cancellationToken);
            }
            catch (PlivoApiException ex)
            {
                LogPlivoRefused(logger, ex, asked, due.Count);
                return asked;
            }

            asked++;
            if (answer is null)
            {
                await writer.WriteUnknownToPlivoAsync(uuid, cancellationToken);
                LogUnknown(logger, uuid);
                continue;
            }

            var parsed = WebhookParser.ParseStatus(AsCallback(answer), time.GetUtcNow().UtcDateTime);
            if (!parsed.IsValid)
            {
                LogUnreadable(logger, uuid, WebhookFieldError.Describe(parsed.Errors));
                continue;
            }

            await writer.WriteReconciledAsync(parsed.Value!, cancellationToken);
        }

        return asked;
    }

    /// <summary>
    /// Plivo's message record in the words of a status callback (docs/plivo/status-callbacks.md), so that it is read by
    /// the same parser, with the same bounds, as the callbacks it stands in for.
    /// </summary>
    internal static List<KeyValuePair<string, string>> AsCallback(PlivoMessage m)
    {
        List<KeyValuePair<string, string>> pairs =
        [
            new("MessageUUID", m.MessageUuid), new("Status", m.MessageState), new("Type", m.MessageType),
            new("To", m.ToNumber), new("From", m.FromNumber), new("Units", m.Units.ToString(CultureInfo.InvariantCulture)),
            new("TotalRate", m.TotalRate), new("TotalAmount", m.TotalAmount),
        ];
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                pairs.Add(new(name, value));
            }
        }

        Add("ErrorCode", m.ErrorCode);
        Add("MCC", m.Mcc);
        Add("MNC", m.Mnc);
        Add("PowerpackUUID", m.PowerpackId);
        Add("ConversationOrigin", m.ConversationOrigin);
        Add("ConversationID", m.ConversationId);
        return pairs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: a round failed; the next one starts over")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: Plivo did not answer ({Asked} of {Due} silent messages asked about); the rest wait for the next round")]
    private static partial void LogPlivoRefused(ILogger logger, Exception exception, int asked, int due);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: Plivo does not know message {MessageUuid}; flagged")]
    private static partial void LogUnknown(ILogger logger, string messageUuid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation: Plivo's record of message {MessageUuid} cannot be read: {Problems}; nothing stored")]
    private static partial void LogUnreadable(ILogger logger, string messageUuid, string problems);
}
