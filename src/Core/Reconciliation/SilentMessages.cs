using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Reconciliation;

/// <summary>
/// Outbound messages still <c>queued</c> or <c>sent</c> past their type's <see cref="ReconciliationOptions.SilentAfterFor"/>
/// (counted from the message time), that Plivo has not already said it does not know: the ones to ask Plivo about, and
/// the count the overview shows.
/// </summary>
public sealed class SilentMessages(IDbContextFactory<DashboardDb> factory, IOptionsMonitor<ReconciliationOptions> options, TimeProvider time)
{
    /// <summary>The oldest silent messages first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<(string Uuid, MessageType Type)>> OldestAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Silent(db).OrderBy(m => m.MessageTime).Take(limit)
            .Select(m => new { m.MessageUuid, m.Type }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.MessageUuid, r.Type))];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await Silent(db).CountAsync(cancellationToken);
    }

    private IQueryable<Message> Silent(DashboardDb db)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var o = options.CurrentValue;
        DateTime Cutoff(MessageType type) => now - o.SilentAfterFor(type);
        var (sms, mms, whatsApp) = (Cutoff(MessageType.Sms), Cutoff(MessageType.Mms), Cutoff(MessageType.WhatsApp));
        return db.Messages.Where(m => m.Direction == MessageDirection.Outbound
            && (m.State == MessageState.Queued || m.State == MessageState.Sent)
            && ((m.Type == MessageType.Sms && m.MessageTime <= sms)
                || (m.Type == MessageType.Mms && m.MessageTime <= mms)
                || (m.Type == MessageType.WhatsApp && m.MessageTime <= whatsApp))
            && !db.MessageEvents.Any(e => e.MessageId == m.Id && e.Kind == MessageEventKind.UnknownToPlivo));
    }
}
