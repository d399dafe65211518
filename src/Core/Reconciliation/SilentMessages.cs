using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reconciliation;

/// <summary>
/// Outbound messages still <c>queued</c> or <c>sent</c> past their type's <see cref="ReconciliationOptions.SilentAfterFor"/>
/// (counted from the message time), that Plivo has not already said it does not know: the count the overview shows, and
/// the ones to ask Plivo about.
/// </summary>
public sealed class SilentMessages(IDbContextFactory<DashboardDb> factory, IOptionsMonitor<ReconciliationOptions> options, TimeProvider time)
{
    /// <summary>
    /// The silent messages due to be asked about, at most <paramref name="limit"/>: not asked within their type's silent
    /// period (the stored <see cref="MessageEventKind.Reconciled"/> event's last receipt says when Plivo was last asked,
    /// so a restart changes nothing), and younger than <see cref="ReconciliationOptions.StopAskingAfter"/>. Messages never
    /// asked about come first, oldest first, then the least recently asked: a backlog of messages that stay
    /// <c>sent</c> for good (networks without delivery reports) cannot keep newer silent messages waiting.
    /// </summary>
    public async Task<IReadOnlyList<string>> DueAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var oldest = time.GetUtcNow().UtcDateTime - options.CurrentValue.StopAskingAfter;
        return await (
                from s in WithCutoff(db.Messages)
                let lastAsked = s.Message.Events
                    .Where(e => e.Kind == MessageEventKind.Reconciled)
                    .Max(e => (DateTime?)(e.LastReceivedAt ?? e.ReceivedAt))
                where s.Message.MessageTime > oldest && (lastAsked == null || lastAsked <= s.Cutoff)
                // Never asked first on both providers (PostgreSQL sorts nulls last, SQLite first).
                orderby lastAsked == null ? 0 : 1, lastAsked, s.Message.MessageTime
                select s.Message.MessageUuid)
            .Take(limit).ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Of(db.Messages).CountAsync(cancellationToken);
    }

    /// <summary>The silent ones among <paramref name="messages"/> (the message log's <c>silent</c> filter).</summary>
    public IQueryable<Message> Of(IQueryable<Message> messages) => WithCutoff(messages).Select(s => s.Message);

    /// <summary>Each silent message with its type's cutoff (silent when its message time is at or before it).</summary>
    private IQueryable<SilentMessage> WithCutoff(IQueryable<Message> messages)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.CurrentValue;
        DateTime Cutoff(MessageType type) => now - o.SilentAfterFor(type);
        var (sms, mms, whatsApp) = (Cutoff(MessageType.Sms), Cutoff(MessageType.Mms), Cutoff(MessageType.WhatsApp));
        return messages
            .Where(m => m.Direction == MessageDirection.Outbound
                && (m.State == MessageState.Queued || m.State == MessageState.Sent)
                && !m.Events.Any(e => e.Kind == MessageEventKind.UnknownToPlivo))
            .Select(m => new SilentMessage
            {
                Message = m,
                Cutoff = m.Type == MessageType.Sms ? sms : m.Type == MessageType.Mms ? mms : whatsApp,
            })
            .Where(s => s.Message.MessageTime <= s.Cutoff);
    }

    private sealed class SilentMessage
    {
        public required Message Message { get; init; }

        public required DateTime Cutoff { get; init; }
    }
}
