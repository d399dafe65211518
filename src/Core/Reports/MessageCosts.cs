using System.Runtime.CompilerServices;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Reports;

/// <summary>One message as the per-message cost export writes it (docs/plivo/mdr.md names the fields).</summary>
public sealed record MessageCost(
    string MessageUuid,
    DateTime MessageTime,
    MessageDirection Direction,
    MessageType Type,
    MessageState State,
    string? ErrorCode,
    string FromNumber,
    string ToNumber,
    string? CountryIso2,
    string? PowerpackUuid,
    int? Units,
    long? TotalRate,
    long? TotalAmount,
    string? PlivoConversationId,
    string? ConversationOrigin);

public sealed partial class ReportQueries
{
    /// <summary>
    /// Every message of <paramref name="range"/>, oldest first (MessageTime, then Id: the index's order), one
    /// at a time: the caller writes each as it arrives, so a month of a busy account never sits in memory.
    /// </summary>
    public async IAsyncEnumerable<MessageCost> StreamMessageCostsAsync(DayRange range, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (from, to) = (range.StartUtc, range.EndUtc);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = db.Messages.AsNoTracking()
            .Where(m => m.MessageTime >= from && m.MessageTime < to)
            .OrderBy(m => m.MessageTime).ThenBy(m => m.Id)
            .Select(m => new MessageCost(m.MessageUuid, m.MessageTime, m.Direction, m.Type, m.State, m.ErrorCode, m.FromNumber, m.ToNumber,
                m.CountryIso2, m.PowerpackUuid, m.Units, m.TotalRate, m.TotalAmount, m.PlivoConversationId, m.ConversationOrigin))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }
}
