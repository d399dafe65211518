using System.Globalization;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Simulator;

/// <summary>
/// What happens to a message the simulated Plivo accepted, and when: it plays the message's <see cref="LifecyclePlan"/>
/// (decided by <see cref="CarrierModel"/>) over <see cref="TimeProvider"/> — queued, then sent or failed, then
/// delivered, undelivered or read — updating its record and calling the send's <c>url</c> back at each step, with
/// the plan's repeated and late callbacks.
/// </summary>
public sealed partial class MessageLifecycle(
    SimulatorCallbacks callbacks,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MessageLifecycle> logger)
{
    private CancellationToken Stopping => lifetime.ApplicationStopping;

    /// <summary>Starts <paramref name="message"/>'s lifecycle in the background, held in its <see cref="SimulatedMessage.Settled"/>.</summary>
    /// <param name="callbackUrl">The send's <c>url</c>; null runs the lifecycle without calling anyone.</param>
    internal void Start(SimulatedMessage message, LifecyclePlan plan, Uri? callbackUrl, string? method, WhatsAppConversation? conversation) =>
        RunHeld(message, () => RunAsync(message, plan, callbackUrl, method, conversation, Stopping));

    private async Task RunAsync(
        SimulatedMessage message, LifecyclePlan plan, Uri? callbackUrl, string? method, WhatsAppConversation? conversation, CancellationToken ct)
    {
        var times = new CallbackTimes(message.CreatedAt);
        var sequence = 0;
        var sentCallbackDelay = TimeSpan.Zero;

        void Emit(PlivoMessage mdr, TimeSpan delay)
        {
            sequence++;
            if (callbackUrl is null || plan.DroppedSequences.Contains(sequence))
            {
                return;
            }

            var parameters = StatusParameters(mdr, message.To, sequence, times, conversation);
            var copies = plan.DuplicateSequences.Contains(sequence) ? 2 : 1;
            for (var copy = 0; copy < copies; copy++)
            {
                var wait = delay + (copy == 0 ? TimeSpan.Zero : plan.Queue * 3);
                RunHeld(message, async () =>
                {
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, ct);
                    }

                    await callbacks.DeliverAsync(callbackUrl, method, parameters, ct);
                });
            }
        }

        await Task.Delay(plan.Queue, time, ct);
        times.Queued = Now();
        Emit(message.Snapshot, TimeSpan.Zero);

        await Task.Delay(plan.Dispatch, time, ct);
        if (plan.Outcome == SimulatedOutcome.Failed)
        {
            // Plivo does not charge for failed messages.
            Emit(message.Update(m => m with
            {
                MessageState = "failed",
                ErrorCode = plan.ErrorCode,
                ErrorMessage = PlivoErrorCodes.Describe(plan.ErrorCode).Name,
                TotalAmount = PlivoAmount.Format(0L),
                MessageUpdatedTime = PlivoTime.Format(Now()),
            }), TimeSpan.Zero);
            return;
        }

        times.Sent = Now();
        if (plan.SentArrivesLate)
        {
            // Held back until after the final callback, as a retried callback would be.
            sentCallbackDelay = plan.Receipt + plan.Queue * 4;
        }

        Emit(message.Update(m => m with
        {
            MessageState = "sent",
            MessageSentTime = PlivoTime.Format(times.Sent.Value),
            MessageUpdatedTime = PlivoTime.Format(times.Sent.Value),
        }), sentCallbackDelay);
        if (plan.Outcome == SimulatedOutcome.SentOnly)
        {
            return;
        }

        await Task.Delay(plan.Receipt, time, ct);
        times.Report = Now();
        var delivered = plan.Outcome == SimulatedOutcome.Delivered;
        Emit(message.Update(m => m with
        {
            MessageState = delivered ? "delivered" : "undelivered",
            ErrorCode = delivered ? "000" : plan.ErrorCode,
            ErrorMessage = delivered ? null : PlivoErrorCodes.Describe(plan.ErrorCode).Name,
            MessageUpdatedTime = PlivoTime.Format(times.Report.Value),
        }), TimeSpan.Zero);
        if (!plan.WillBeRead)
        {
            return;
        }

        await Task.Delay(plan.Read, time, ct);
        Emit(message.Update(m => m with { MessageState = "read", MessageUpdatedTime = PlivoTime.Format(Now()) }), TimeSpan.Zero);
    }

    /// <summary>A status callback with every attribute of Plivo's documentation (docs/plivo/status-callbacks.md), empty where it does not apply.</summary>
    private static List<KeyValuePair<string, string>> StatusParameters(
        PlivoMessage m, string to, int sequence, CallbackTimes times, WhatsAppConversation? conversation)
    {
        static string Time(DateTime? t) => t is { } v ? PlivoTime.FormatCallback(v) : "";
        var failure = m.MessageState is "failed" or "undelivered";
        return
        [
            new("MessageUUID", m.MessageUuid),
            new("To", to),
            new("From", m.FromNumber),
            new("Type", m.MessageType),
            new("Status", m.MessageState),
            new("ConversationExpirationTimestamp", conversation is null ? "" : new DateTimeOffset(conversation.ExpiresAt).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new("ConversationOrigin", conversation?.Origin ?? ""),
            new("ConversationID", conversation?.Id ?? ""),
            new("Units", m.Units.ToString(CultureInfo.InvariantCulture)),
            new("TotalRate", m.TotalRate),
            new("TotalAmount", m.TotalAmount),
            new("MCC", m.Mcc ?? ""),
            new("MNC", m.Mnc ?? ""),
            new("ErrorCode", failure ? m.ErrorCode ?? "" : m.MessageState is "delivered" or "read" ? "000" : ""),
            new("ParentMessageUUID", m.MessageUuid),
            new("PartInfo", ""),
            new("Sequence", sequence.ToString(CultureInfo.InvariantCulture)),
            new("MessageTime", Time(times.Message)),
            new("QueuedTime", Time(times.Queued)),
            new("SentTime", Time(times.Sent)),
            new("DeliveryReportTime", Time(times.Report)),
            new("requester_ip", m.RequesterIp ?? ""),
            new("PowerpackUUID", m.PowerpackId ?? ""),
        ];
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    /// <summary>Runs background work for a message, counted in its <see cref="SimulatedMessage.Settled"/>, never throwing.</summary>
    private void RunHeld(SimulatedMessage message, Func<Task> work)
    {
        message.Hold();
        _ = RunGuardedAsync(work, message.Release);
    }

    private async Task RunGuardedAsync(Func<Task> work, Action done)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            // The app is stopping.
        }
        catch (Exception ex)
        {
            LogLifecycleFailed(logger, ex);
        }
        finally
        {
            done();
        }
    }

    private sealed class CallbackTimes(DateTime message)
    {
        public DateTime Message { get; } = message;

        public DateTime? Queued { get; set; }

        public DateTime? Sent { get; set; }

        public DateTime? Report { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A simulated message lifecycle failed")]
    private static partial void LogLifecycleFailed(ILogger logger, Exception exception);
}
