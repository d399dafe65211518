using System.Globalization;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sending;

/// <summary>
/// Who may not be sent to right now, whatever path the send comes by (compose, the inbox, the demo traffic): contacts
/// who opted out, and — for free-form WhatsApp — contacts whose customer-service window with the sending number is
/// closed, as <see cref="ReplyPolicy.CheckWindow"/> decides.
/// </summary>
public sealed class SendPolicy(IDbContextFactory<DashboardDb> dbFactory, ReplyPolicy policy)
{
    /// <summary>The destinations of <paramref name="command"/> nothing may be sent to, each with why; empty when all may.</summary>
    public async Task<IReadOnlyList<string>> FindRefusedAsync(SendCommand command, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var destinations = command.To.Valid;
        return [.. await FindOptedOutAsync(db, command.From!, destinations, cancellationToken),
            .. await FindOutsideWindowAsync(db, command, destinations, cancellationToken)];
    }

    private static async Task<List<string>> FindOptedOutAsync(DashboardDb db, SendSender sender, IReadOnlyList<string> destinations, CancellationToken cancellationToken)
    {
        var query = db.OptOuts.AsNoTracking().Where(o => o.IsOptedOut && destinations.Contains(o.ContactNumber));
        if (sender.Number is { } ours)
        {
            // A Powerpack may send from any of our numbers, so for it an opt-out from any of them counts
            // (as a 10DLC campaign's opt-out does); a single number only honours its own.
            query = query.Where(o => o.OurNumber == ours);
        }

        var rows = await query.OrderBy(o => o.ContactNumber).ToListAsync(cancellationToken);
        return [.. rows.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"+{o.ContactNumber} opted out of messages from +{o.OurNumber} ({o.Reason ?? "opt-out"}, {o.ChangedAt:yyyy-MM-dd HH:mm} UTC); remove it to send, or have them text START."))];
    }

    /// <summary>Free-form WhatsApp (anything but a template) needs each contact's window with the sending number to be open.</summary>
    private async Task<List<string>> FindOutsideWindowAsync(DashboardDb db, SendCommand command, IReadOnlyList<string> destinations, CancellationToken cancellationToken)
    {
        if (command.Type != MessageType.WhatsApp || command.Kind == ReplyKind.Template)
        {
            return [];
        }

        if (command.From!.Number is not { } ours)
        {
            // The window is the contact's with one of our numbers, and a Powerpack picks the number itself.
            return ["Free-form WhatsApp goes from the number the contact wrote to: choose that number as the sender, or send an approved template."];
        }

        var lastInbound = await db.Conversations.AsNoTracking()
            .Where(c => c.OurNumber == ours && c.Channel == ConversationChannel.WhatsApp && destinations.Contains(c.ContactNumber))
            .ToDictionaryAsync(c => c.ContactNumber, c => c.LastInboundAt, cancellationToken);
        return [.. destinations
            .Select(d => (Destination: d, Verdict: policy.CheckWindow(ConversationChannel.WhatsApp, lastInbound.GetValueOrDefault(d), command.Kind)))
            .Where(v => !v.Verdict.IsAllowed)
            .Select(v => $"+{v.Destination}: {v.Verdict.Reason}")];
    }
}
