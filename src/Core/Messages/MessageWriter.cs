using System.Threading.Channels;
using Dashboard.Core.Incidents;
using Dashboard.Core.Live;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using System.Data.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Messages;

/// <summary>How a status callback was taken.</summary>
public enum WriteOutcome
{
    /// <summary>The first word we had of this message: it was created.</summary>
    Created,

    /// <summary>The message moved to the callback's state.</summary>
    Applied,

    /// <summary>
    /// The callback reported the state already stored (Plivo's queued after our own send): applied, its sequence and
    /// attributes taken; nothing was out of order.
    /// </summary>
    Confirmed,

    /// <summary>Kept in the timeline, but the message already had a later state or sequence (out of order).</summary>
    Late,

    /// <summary>Kept in the timeline: another final state with no sequences to order the two; the first one stays.</summary>
    Conflicting,

    /// <summary>The same callback (message, sequence, status) was already stored; counted, not stored again.</summary>
    Duplicate,

    /// <summary>Refused, nothing stored: its signature nonce came before with other parameters (ADR-002).</summary>
    Replayed,
}

/// <summary>The committed result of one write: how it was taken and the message's state after it.</summary>
public sealed record WriteResult(WriteOutcome Outcome, MessageState State, long MessageId);

/// <summary>A message our send service handed to Plivo, stored as queued before its first callback.</summary>
public sealed record OutboundMessage
{
    public required string MessageUuid { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public MessageType Type { get; init; }

    public string? Text { get; init; }

    public string? PowerpackUuid { get; init; }

    public string? Log { get; init; }

    public IReadOnlyList<string> MediaUrls { get; init; } = [];

    /// <summary>What we asked Plivo, kept as the timeline's first event.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Request { get; init; }
}

/// <summary>
/// The single writer: webhooks and sends enqueue here and await their own commit. The writer drains
/// whatever is waiting into one transaction (group commit) with prepared raw commands — the one place
/// that applies the state rules, fills the MDR, keeps the timeline, the inbox conversations, opt-outs,
/// the daily rollups, the compose submission keys and the agents' read marks — then publishes the changes on the
/// <see cref="LiveFeed"/>, the one feed of committed changes (read marks and agents' opt-outs as
/// <see cref="ConversationChange"/>s), and hands the failures it applied to the <see cref="IncidentDetector"/>.
/// </summary>
public sealed partial class MessageWriter(
    IOptions<StorageOptions> options,
    LiveFeed feed,
    IncidentDetector incidents,
    TimeProvider time,
    ILogger<MessageWriter> logger) : BackgroundService
{
    private const int NonceTrimBatch = 20_000;

    private DateTime _lastNonceTrim = DateTime.MinValue;

    /// <summary>Set while the database is unreachable, so the outage is logged once and its end once.</summary>
    private bool _unavailable;

    private readonly Channel<WriteItem> _queue = Channel.CreateBounded<WriteItem>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Stores a status callback; completes once it is committed.</summary>
    /// <param name="receipt">Its signature nonce and fingerprint: a nonce seen before with another fingerprint is refused.</param>
    public Task<WriteResult> WriteStatusAsync(StatusCallback callback, WebhookReceipt? receipt = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new StatusItem(callback, receipt), cancellationToken);

    /// <summary>
    /// Stores what Plivo's Get Message API answered about a silent message, as an event of its own
    /// (<see cref="MessageEventKind.Reconciled"/>) judged by the same forward-only rules as a callback; completes once
    /// committed. Asking again about a message still in the same state stores nothing more.
    /// </summary>
    public Task<WriteResult> WriteReconciledAsync(StatusCallback answer, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new StatusItem(answer, null) { Kind = MessageEventKind.Reconciled }, cancellationToken);

    /// <summary>
    /// Replays a stored or imported status callback (callback replay, ADR-013): applied only when it moves the message on
    /// (<see cref="MessageStateRules.IsAppliedOnReplay"/>), then kept as a <see cref="MessageEventKind.Replayed"/> event;
    /// otherwise nothing is written, not even a repeat count, so replaying twice changes nothing more than once. A callback
    /// for a message we do not have creates it (a back-fill). Completes once committed.
    /// </summary>
    public Task<WriteResult> WriteReplayedAsync(StatusCallback callback, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new StatusItem(callback, null) { Kind = MessageEventKind.Replayed }, cancellationToken);

    /// <summary>
    /// Flags a message Plivo's Get Message API does not know (404) with an event that changes nothing else
    /// (<see cref="MessageEventKind.UnknownToPlivo"/>); once per state the message is in.
    /// </summary>
    public Task<WriteResult> WriteUnknownToPlivoAsync(string messageUuid, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new UnknownToPlivoItem(messageUuid), cancellationToken);

    /// <summary>
    /// Stores an inbound message as delivered (Plivo marks it so once we answer 200), updates its
    /// conversation and, for an opt-out or opt-in <paramref name="intent"/>, the contact's opt-out.
    /// </summary>
    /// <param name="receipt">Its signature nonce and fingerprint: a nonce seen before with another fingerprint is refused.</param>
    public Task<WriteResult> WriteInboundAsync(InboundMessage message, string? intent, WebhookReceipt? receipt = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new InboundItem(message, intent, receipt), cancellationToken);

    /// <summary>
    /// Stores a message we just sent: its queued event, taken by the same rules as Plivo's callbacks whether or not one
    /// of them came first (ADR-008), and what only we know of it (text, media, log option, our request).
    /// </summary>
    public Task<WriteResult> WriteOutboundAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new OutboundItem(message), cancellationToken);

    /// <summary>Records an opt-out or opt-in decided by an agent rather than a keyword.</summary>
    /// <param name="inboxConversationId">The conversation the agent acted in, named in the <see cref="ConversationChange"/> published.</param>
    public Task<WriteResult> WriteOptOutAsync(string ourNumber, string contactNumber, bool optedOut, string reason,
        long? inboxConversationId = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new OptOutItem(ourNumber, contactNumber, optedOut, reason, inboxConversationId), cancellationToken);

    /// <summary>
    /// Marks an inbox conversation read as the agent saw it: its unread count goes to zero only while the conversation
    /// still holds the <paramref name="seenMessageCount"/> messages the agent's view had (one conditional update, decided
    /// by the database whichever writer comes first), so a message that arrived after the view was read keeps its unread
    /// count; the page, shown that message live, marks again. True when the count changed; then a
    /// <see cref="ConversationChange"/> is published.
    /// </summary>
    /// <param name="seenMessageCount">The conversation's <see cref="Conversations.Conversation.MessageCount"/> in the agent's view.</param>
    public async Task<bool> MarkReadAsync(long inboxConversationId, int seenMessageCount, CancellationToken cancellationToken = default) =>
        (await EnqueueAsync(new ReadItem(inboxConversationId, seenMessageCount), cancellationToken).ConfigureAwait(false)).Outcome
            == WriteOutcome.Applied;

    /// <summary>
    /// Claims a compose submission's key before its send goes to Plivo: <see cref="WriteOutcome.Created"/> when it is
    /// new, <see cref="WriteOutcome.Duplicate"/> when an earlier attempt holds it. Keys past
    /// <see cref="SendSubmission.Retention"/> are forgotten first, in the same transaction.
    /// </summary>
    public Task<WriteResult> ClaimSubmissionAsync(string key, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new ClaimSubmissionItem(key), cancellationToken);

    /// <summary>
    /// Records how a claimed submission ended (<see cref="SendSubmissionState.Sent"/> with Plivo's answer, or
    /// <see cref="SendSubmissionState.Uncertain"/> with why), or with a null <paramref name="state"/> forgets the key:
    /// nothing was sent, so the same form may be sent again.
    /// </summary>
    public Task<WriteResult> FinishSubmissionAsync(string key, SendSubmissionState? state, string? result = null, string? error = null) =>
        EnqueueAsync(new FinishSubmissionItem(key, state, result, error), CancellationToken.None);

    private async Task<WriteResult> EnqueueAsync(WriteItem item, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
        // Once queued, the write happens whether or not the caller still waits: no cancellation from here on (the
        // writer fails what is left when the app stops), which also spares every webhook a cancellation registration.
        return await item.Completion.Task.ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A thread of its own: SQLite calls are synchronous, and a writer resumed through the thread pool would queue
        // behind the very webhooks it is meant to answer.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.SetResult();
            }
            catch (Exception ex)
            {
                stopped.SetException(ex);
            }
        })
        { IsBackground = true, Name = "Message writer" };
        thread.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        using var commands = WriterStore.Open(options.Value);
        var batch = new List<WriteItem>(options.Value.MaxBatch);
        try
        {
            while (WaitForWork(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (!TryCommit(commands, batch))
                {
                    // One bad item must not fail its neighbours: retry each alone.
                    foreach (var item in batch)
                    {
                        TryCommit(commands, [item]);
                    }
                }

                TrimNoncesWhenDue(commands);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var item))
            {
                item.Completion.TrySetException(new OperationCanceledException("The message writer is shutting down."));
            }
        }
    }

    /// <summary>
    /// Every half minute, forgets the nonces past their retention, in transactions of its own between batches, for
    /// at most a tenth of a second (what is left goes at the next turn).
    /// </summary>
    private void TrimNoncesWhenDue(WriterStore commands)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now - _lastNonceTrim < TimeSpan.FromSeconds(30))
        {
            return;
        }

        _lastNonceTrim = now;
        var cutoff = now - options.Value.NonceRetention;
        var started = time.GetTimestamp();
        try
        {
            int trimmed;
            do
            {
                using var transaction = commands.Begin();
                trimmed = commands.TrimNonces(cutoff, NonceTrimBatch);
                transaction.Commit();
            }
            while (trimmed == NonceTrimBatch && time.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100));
        }
        catch (DbException ex)
        {
            LogNonceTrimFailed(logger, ex);
        }
    }

    /// <summary>True at once while writes are waiting (the usual case under load); otherwise blocks until one comes.</summary>
    private bool WaitForWork(CancellationToken stoppingToken) =>
        _queue.Reader.TryPeek(out _) || _queue.Reader.WaitToReadAsync(stoppingToken).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Applies the items in one transaction, publishes their changes, then completes them (so a caller that awaited
    /// its write finds its change already on the feed). On failure rolls back and, for a single item, fails it.
    /// </summary>
    private bool TryCommit(WriterStore commands, List<WriteItem> batch)
    {
        var results = new WriteResult[batch.Count];
        var batchChanges = new List<LiveChange>(batch.Count);
        var batchFailures = new List<ObservedFailure>();
        var now = time.GetUtcNow().UtcDateTime;
        try
        {
            using var transaction = commands.Begin();
            var admitted = commands.PrepareBatch(MessagesOf(batch), ReceiptsOf(batch), now);
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = batch[i] switch
                {
                    StatusItem when !admitted[i] => Replayed,
                    StatusItem s => ApplyStatus(commands, s.Callback, s.Raw, now, batchChanges, batchFailures, s.Kind),
                    UnknownToPlivoItem u => FlagUnknownToPlivo(commands, u, now),
                    InboundItem when !admitted[i] => Replayed,
                    InboundItem m => ApplyInbound(commands, m.Message, m.Raw, m.Intent, now, batchChanges),
                    OutboundItem o => ApplyOutbound(commands, o.Message, now, batchChanges, batchFailures),
                    OptOutItem o => ApplyOptOut(commands, o, now, batchChanges),
                    ReadItem r => ApplyRead(commands, r, now, batchChanges),
                    ClaimSubmissionItem c => new WriteResult(
                        commands.ClaimSubmission(c.Key, now, now - SendSubmission.Retention) ? WriteOutcome.Created : WriteOutcome.Duplicate,
                        MessageState.Queued, 0),
                    FinishSubmissionItem f => FinishSubmission(commands, f, now),
                    _ => throw new InvalidOperationException($"Unknown write {batch[i].GetType().Name}"),
                };
            }

            commands.FlushRollups();
            transaction.Commit();
        }
        catch (Exception ex) when (commands.IsUnavailable(ex))
        {
            // The database is unreachable (ADR-009): fail the whole batch at once (the webhooks answer 503, Plivo retries);
            // the next batch reconnects.
            commands.Discard();
            if (!_unavailable)
            {
                _unavailable = true;
                LogUnavailable(logger, ex);
            }

            var unavailable = StorageUnavailableException.WhileRunning(ex);
            foreach (var item in batch)
            {
                item.Completion.TrySetException(unavailable);
            }

            return true;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            commands.Discard();
            LogBatchFailed(logger, ex, batch.Count);
            return false;
        }
        catch (Exception ex)
        {
            commands.Discard();
            LogItemFailed(logger, ex);
            batch[0].Completion.TrySetException(ex);
            return true;
        }

        if (_unavailable)
        {
            _unavailable = false;
            LogAvailableAgain(logger);
        }

        feed.Publish(batchChanges);
        incidents.Observe(batchFailures);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }

        return true;
    }

    private static readonly WriteResult Replayed = new(WriteOutcome.Replayed, default, 0);

    /// <summary>The messages a batch's writes touch, for the store's locks where writers share the database (ADR-009).</summary>
    private static HashSet<string> MessagesOf(List<WriteItem> batch)
    {
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            switch (item)
            {
                case StatusItem s: uuids.Add(s.Callback.MessageUuid); break;
                case InboundItem m: uuids.Add(m.Message.MessageUuid); break;
                case OutboundItem o: uuids.Add(o.Message.MessageUuid); break;
                case UnknownToPlivoItem u: uuids.Add(u.MessageUuid); break;
            }
        }

        return uuids;
    }

    /// <summary>The webhooks' signature receipts in the batch's order (null for the other writes), for their nonces' admission.</summary>
    private static WebhookReceipt?[] ReceiptsOf(List<WriteItem> batch) =>
        [.. batch.Select(item => item switch { StatusItem s => s.Receipt, InboundItem m => m.Receipt, _ => null })];

    /// <param name="kind">A callback's, <see cref="MessageEventKind.SendAccepted"/> for our own send (ADR-008),
    /// <see cref="MessageEventKind.Reconciled"/> for Plivo's answer about a silent message, or
    /// <see cref="MessageEventKind.Replayed"/> for a callback an admin replays (ADR-013).</param>
    /// <param name="failures">Where a callback that moves the message into failed or undelivered is noted for the incident
    /// detector (a reconciled answer is not: it tells of a failure long past, which is no spike now).</param>
    private static WriteResult ApplyStatus(WriterStore c, StatusCallback cb, string raw, DateTime now, List<LiveChange> changes,
        List<ObservedFailure> failures, MessageEventKind kind = MessageEventKind.StatusCallback)
    {
        var eventSequence = EventSequence(kind, cb.Sequence);
        var existing = c.FindMessage(cb.MessageUuid);
        if (existing is null)
        {
            // The first word of this message, whichever it is: our send, its first callback when that was faster (ADR-008),
            // or a callback for a message sent around the dashboard.
            var created = new MessageRow
            {
                Direction = MessageDirection.Outbound,
                Type = cb.Type,
                State = cb.Status,
                LastSequence = cb.Sequence,
                Units = cb.Units,
                TotalAmount = cb.TotalAmount,
                ErrorCode = cb.ErrorCode,
                Mcc = cb.Mcc,
                Mnc = cb.Mnc,
                CountryIso2 = Numbering.CountryIsoOfMcc(cb.Mcc) ?? Numbering.CountryOfNumber(cb.To)?.Iso2,
                ConversationOrigin = cb.ConversationOrigin,
                PowerpackUuid = cb.PowerpackUuid,
                MessageTime = cb.MessageTime ?? cb.QueuedTime ?? now,
                FromNumber = cb.From,
            };
            created = StageTimes.Of(cb, now, applied: true).Merge(created, applied: true);
            // A Powerpack send names no sender until its first callback (see below): no conversation until then.
            long? conversationId = cb.From.Length == 0 ? null : c.UpsertConversation(cb.From, cb.To, cb.Type, created.MessageTime, preview: null, inbound: false);
            var id = c.InsertMessageFromCallback(cb, created, conversationId, now);
            c.Remember(cb.MessageUuid, new ExistingMessage(id, conversationId, created));
            c.InsertEvent(id, kind, cb.Status, eventSequence, cb.ErrorCode, now, applied: true, raw);
            c.AddToRollup(created, +1);
            c.AddToLatency(null, created);
            NoteFailure(failures, kind, null, created, cb.From);
            changes.Add(Change(cb.MessageUuid, created, now, conversationId, created: true));
            return new WriteResult(WriteOutcome.Created, cb.Status, id);
        }

        var old = existing.Value;
        var verdict = MessageStateRules.Judge(old.Row.State, old.Row.LastSequence, cb.Status, cb.Sequence);
        var apply = MessageStateRules.IsApplied(verdict);
        if (kind == MessageEventKind.Replayed)
        {
            if (!MessageStateRules.IsAppliedOnReplay(verdict))
            {
                // A replay that does not move the message on writes nothing at all: no event, no repeat, no sequence.
                return new WriteResult(Outcome(verdict), old.Row.State, old.Id);
            }

            // The timeline may hold this very callback already (the message fell behind its own events): keep one.
            c.InsertEventOnce(old.Id, kind, cb.Status, eventSequence, cb.ErrorCode, now, applied: true, raw);
        }
        else if (c.InsertEvent(old.Id, kind, cb.Status, eventSequence, cb.ErrorCode, now, apply, raw))
        {
            changes.Add(Change(cb.MessageUuid, old.Row, now, old.InboxConversationId, created: false) with { Applied = false });
            return new WriteResult(WriteOutcome.Duplicate, old.Row.State, old.Id);
        }

        var merged = old.Row with
        {
            State = apply ? cb.Status : old.Row.State,
            LastSequence = Max(old.Row.LastSequence, cb.Sequence),
            Units = Fill(old.Row.Units, cb.Units, apply),
            TotalAmount = Fill(old.Row.TotalAmount, cb.TotalAmount, apply),
            ErrorCode = Fill(old.Row.ErrorCode, cb.ErrorCode, apply),
            Mcc = Fill(old.Row.Mcc, cb.Mcc, apply),
            Mnc = Fill(old.Row.Mnc, cb.Mnc, apply),
            ConversationOrigin = Fill(old.Row.ConversationOrigin, cb.ConversationOrigin, apply),
            PowerpackUuid = Fill(old.Row.PowerpackUuid, cb.PowerpackUuid, apply),
        };
        merged = StageTimes.Of(cb, now, apply).Merge(merged with { CountryIso2 = Numbering.CountryIsoOfMcc(merged.Mcc) ?? old.Row.CountryIso2 }, apply);
        c.UpdateMessageFromCallback(old.Id, cb, old.Row, merged, apply, now);
        var conversation = old.InboxConversationId;
        if (conversation is null && cb.From.Length > 0 && old.Row.Direction == MessageDirection.Outbound)
        {
            // Plivo picks a Powerpack's number and says which in the callbacks: the first one puts the message in its
            // conversation (ADR-008), late or not.
            conversation = c.AttachSender(old.Id, cb.From, old.Row.Type, old.Row.MessageTime);
            merged = merged with { FromNumber = cb.From };
        }

        c.Remember(cb.MessageUuid, old with { InboxConversationId = conversation, Row = merged });
        if (merged != old.Row)
        {
            c.AddToRollup(old.Row, -1);
            c.AddToRollup(merged, +1);
            c.AddToLatency(old.Row, merged);
            NoteFailure(failures, kind, old.Row, merged, cb.From);
        }

        changes.Add(Change(cb.MessageUuid, merged, now, conversation, created: false) with { Applied = apply });
        return new WriteResult(Outcome(verdict), merged.State, old.Id);
    }

    private static WriteOutcome Outcome(StatusVerdict verdict) => verdict switch
    {
        StatusVerdict.Advances => WriteOutcome.Applied,
        StatusVerdict.Confirms => WriteOutcome.Confirmed,
        StatusVerdict.Late => WriteOutcome.Late,
        _ => WriteOutcome.Conflicting,
    };

    /// <summary>A callback that moved an outbound message into failed or undelivered: one failure for the detector.</summary>
    private static void NoteFailure(List<ObservedFailure> failures, MessageEventKind kind, MessageRow? before, MessageRow after, string from)
    {
        if (kind == MessageEventKind.StatusCallback && after.Direction == MessageDirection.Outbound && IsFailure(after.State)
            && (before is null || !IsFailure(before.State)))
        {
            failures.Add(new ObservedFailure(after.ErrorCode, after.Mcc, after.Mnc, from.Length == 0 ? null : from, after.CountryIso2, after.TotalAmount));
        }
    }

    private static bool IsFailure(MessageState state) => state is MessageState.Failed or MessageState.Undelivered;

    /// <summary>
    /// The sequence an event is stored with: a callback's own; for our events a negative one per kind, which keeps them
    /// apart from Plivo's callbacks in the unique (message, sequence, state) key and lets a repeat of one (the same state
    /// reconciled twice) count as a duplicate.
    /// </summary>
    private static int? EventSequence(MessageEventKind kind, int? sequence) => kind switch
    {
        MessageEventKind.SendAccepted => -1,
        MessageEventKind.Reconciled => -2,
        MessageEventKind.UnknownToPlivo => -3,
        _ => sequence,
    };

    private static WriteResult FlagUnknownToPlivo(WriterStore c, UnknownToPlivoItem item, DateTime now)
    {
        if (c.FindMessage(item.MessageUuid) is not { } found)
        {
            return new WriteResult(WriteOutcome.Duplicate, default, 0);
        }

        var repeated = c.InsertEvent(found.Id, MessageEventKind.UnknownToPlivo, found.Row.State,
            EventSequence(MessageEventKind.UnknownToPlivo, null), null, now, applied: false, item.Raw);
        return new WriteResult(repeated ? WriteOutcome.Duplicate : WriteOutcome.Created, found.Row.State, found.Id);
    }

    private static WriteResult ApplyInbound(WriterStore c, InboundMessage m, string raw, string? intent, DateTime now, List<LiveChange> changes)
    {
        var existing = c.FindMessage(m.MessageUuid);
        if (existing is { } found)
        {
            // Plivo retries a webhook it thinks failed: count it, change nothing.
            c.CountInboundRepeat(found.Id, now);
            return new WriteResult(WriteOutcome.Duplicate, found.Row.State, found.Id);
        }

        var row = new MessageRow
        {
            Direction = MessageDirection.Inbound,
            Type = m.Type,
            State = MessageState.Delivered,
            Units = m.Units ?? 1,
            TotalAmount = m.TotalAmount,
            ErrorCode = m.ErrorCode,
            CountryIso2 = Numbering.CountryOfNumber(m.From)?.Iso2,
            PowerpackUuid = m.PowerpackUuid,
            MessageTime = now,
        };
        var conversationId = c.UpsertConversation(m.To, m.From, m.Type, now, MessageContent.Preview(m.Text, m.Media.Count), inbound: true);
        var id = c.InsertInboundMessage(m, row, intent, conversationId, now);
        c.Remember(m.MessageUuid, new ExistingMessage(id, conversationId, row));
        foreach (var media in m.Media)
        {
            c.InsertMedia(id, media.Index, media.Url, m.MimeType);
        }

        c.InsertEvent(id, MessageEventKind.Inbound, MessageState.Delivered, null, m.ErrorCode, now, applied: true, raw);
        c.AddToRollup(row, +1);
        if (intent is "optout" or "optin")
        {
            c.UpsertOptOut(m.To, m.From, intent == "optout", Keyword(m.Text) ?? intent, now);
        }

        changes.Add(Change(m.MessageUuid, row, now, conversationId, created: true));
        return new WriteResult(WriteOutcome.Created, MessageState.Delivered, id);
    }

    private static WriteResult ApplyOutbound(WriterStore c, OutboundMessage sent, DateTime now, List<LiveChange> changes, List<ObservedFailure> failures)
    {
        // Privacy first: what the sender asked Plivo not to log is not kept here either, not even in the raw request.
        var m = LogPrivacy.Apply(sent);

        // One rule for the race with our own callbacks (ADR-008): our send is the message's queued event, ordered against
        // Plivo's callbacks by the state rules like any of them, so whichever reaches the writer first creates the message.
        var queued = new StatusCallback
        {
            MessageUuid = m.MessageUuid, From = m.From, To = m.To, Type = m.Type, Status = MessageState.Queued, PowerpackUuid = m.PowerpackUuid, Raw = [],
        };
        var result = ApplyStatus(c, queued, RawJson.Serialize(m.Request), now, changes, failures, MessageEventKind.SendAccepted);

        // Then what only we know, whatever the callbacks said.
        c.FillOutboundDetails(result.MessageId, m, now);
        for (var i = 0; i < m.MediaUrls.Count; i++)
        {
            c.InsertMedia(result.MessageId, i + 1, m.MediaUrls[i], null);
        }

        if (c.FindMessage(m.MessageUuid) is { } stored)
        {
            // A template message has no text: the list shows the template (MessageContent, the one rule for what a message shows).
            c.UpdateConversationPreview(stored.InboxConversationId, stored.Row.MessageTime,
                MessageContent.Preview(m.Text, m.MediaUrls.Count, MessageContent.TemplateOf(m.Request, m.Log)));
        }

        return result;
    }

    private static WriteResult ApplyOptOut(WriterStore c, OptOutItem item, DateTime now, List<LiveChange> changes)
    {
        c.UpsertOptOut(item.OurNumber, item.ContactNumber, item.OptedOut, item.Reason, now);
        changes.Add(new ConversationChange(item.InboxConversationId, ConversationChangeKind.OptOut, now));
        return new WriteResult(WriteOutcome.Applied, MessageState.Received, 0);
    }

    /// <summary>Applied when the unread count went to zero; Late when there was none or the conversation moved on since the view.</summary>
    private static WriteResult ApplyRead(WriterStore c, ReadItem item, DateTime now, List<LiveChange> changes)
    {
        if (!c.MarkConversationRead(item.InboxConversationId, item.SeenMessageCount))
        {
            return new WriteResult(WriteOutcome.Late, MessageState.Received, 0);
        }

        changes.Add(new ConversationChange(item.InboxConversationId, ConversationChangeKind.Read, now));
        return new WriteResult(WriteOutcome.Applied, MessageState.Received, 0);
    }

    private static WriteResult FinishSubmission(WriterStore c, FinishSubmissionItem item, DateTime now)
    {
        if (item.State is { } state)
        {
            c.FinishSubmission(item.Key, state, item.Result, item.Error, now);
        }
        else
        {
            c.ForgetSubmission(item.Key);
        }

        return new WriteResult(WriteOutcome.Applied, MessageState.Queued, 0);
    }

    private static MessageChange Change(string uuid, MessageRow row, DateTime now, long? conversationId, bool created) =>
        new(uuid, row.Direction, row.Type, row.State, row.ErrorCode, row.TotalAmount, now, conversationId, created);

    private static T? Fill<T>(T? current, T? incoming, bool incomingWins)
        where T : class => incomingWins ? incoming ?? current : current ?? incoming;

    private static T? Fill<T>(T? current, T? incoming, bool incomingWins)
        where T : struct => incomingWins ? incoming ?? current : current ?? incoming;

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string? Keyword(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToUpperInvariant() is { Length: <= 32 } k ? k : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} writes failed; retrying each alone")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting old webhook nonces failed; retrying later")]
    private static partial void LogNonceTrimFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database is unreachable: writes fail (webhooks answer 503) until it is back")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is reachable again: writes resume")]
    private static partial void LogAvailableAgain(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write failed and was not stored")]
    private static partial void LogItemFailed(ILogger logger, Exception exception);

    private abstract record WriteItem
    {
        public TaskCompletionSource<WriteResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // The raw JSON is serialized on the caller's thread: the writer's one thread is the scarce resource.
    private sealed record StatusItem(StatusCallback Callback, WebhookReceipt? Receipt) : WriteItem
    {
        public string Raw { get; } = RawJson.Serialize(Callback.Raw);

        public MessageEventKind Kind { get; init; } = MessageEventKind.StatusCallback;
    }

    private sealed record UnknownToPlivoItem(string MessageUuid) : WriteItem
    {
        public string Raw { get; } = RawJson.Serialize([new("message_uuid", MessageUuid), new("answer", "404 Not Found")]);
    }

    private sealed record InboundItem(InboundMessage Message, string? Intent, WebhookReceipt? Receipt) : WriteItem
    {
        public string Raw { get; } = RawJson.Serialize(Message.Raw);
    }

    private sealed record OutboundItem(OutboundMessage Message) : WriteItem;

    private sealed record OptOutItem(string OurNumber, string ContactNumber, bool OptedOut, string Reason, long? InboxConversationId) : WriteItem;

    private sealed record ReadItem(long InboxConversationId, int SeenMessageCount) : WriteItem;

    private sealed record ClaimSubmissionItem(string Key) : WriteItem;

    private sealed record FinishSubmissionItem(string Key, SendSubmissionState? State, string? Result, string? Error) : WriteItem;
}
