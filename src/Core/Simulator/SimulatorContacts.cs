using System.Collections.Concurrent;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>A WhatsApp conversation as WhatsApp bills it: its id, its category and when it expires.</summary>
internal sealed record WhatsAppConversation(string Id, string Origin, DateTime ExpiresAt);

/// <summary>
/// The simulated account's contacts: the made-up customers of the demo traffic, and what the simulated Plivo and
/// WhatsApp remember of each contact with each of our numbers — whether they opted out (STOP, START), when they last
/// wrote on WhatsApp (what opens their customer-service window), and the WhatsApp conversation they are in.
/// </summary>
public sealed class SimulatorContacts
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<(string Our, string Contact), bool> _optedOut = new();
    private readonly ConcurrentDictionary<(string Our, string Contact), DateTime> _lastWhatsAppFromUser = new();
    private readonly ConcurrentDictionary<(string Our, string Contact), WhatsAppConversation> _conversations = new();
    private readonly Lazy<IReadOnlyList<string>> _customers;
    private readonly TimeProvider _time;

    public SimulatorContacts(IOptionsMonitor<SimulatorOptions> options, IOptionsMonitor<PlivoOptions> plivo, TimeProvider time)
    {
        _time = time;
        _customers = new(() => DemoContent.Contacts(options.CurrentValue.Seed, 400,
            plivo.CurrentValue.Numbers.Select(Numbering.NormalizeNumber).ToHashSet()));
    }

    /// <summary>The made-up customers of the demo traffic, fixed by the seed.</summary>
    public IReadOnlyList<string> Customers => _customers.Value;

    /// <summary>
    /// The contacts whose WhatsApp customer-service window with <paramref name="ourNumber"/> is open now: they wrote to it
    /// in the last 24 hours, so free-form messages may go to them.
    /// </summary>
    public IReadOnlyList<string> WithOpenWindow(string ourNumber)
    {
        var now = _time.GetUtcNow();
        var ours = Numbering.NormalizeNumber(ourNumber);
        return [.. _lastWhatsAppFromUser
            .Where(w => w.Key.Our == ours && ConversationWindow.Compute(ConversationChannel.WhatsApp, w.Value, now).IsOpen)
            .Select(w => w.Key.Contact).Order(StringComparer.Ordinal)];
    }

    internal bool IsWindowOpen(string ours, string contact) =>
        ConversationWindow.Compute(ConversationChannel.WhatsApp,
            _lastWhatsAppFromUser.TryGetValue((ours, contact), out var wrote) ? wrote : null, _time.GetUtcNow()).IsOpen;

    /// <summary>Opens (or renews) the user's customer-service window with our number: they just wrote on WhatsApp.</summary>
    internal void WroteOnWhatsApp(string ours, string contact, DateTime at)
    {
        if (_lastWhatsAppFromUser.Count > MaxRemembered)
        {
            // Forget windows long closed so a long demo run does not grow without bound.
            foreach (var (key, wrote) in _lastWhatsAppFromUser.Where(w => w.Value + ConversationWindow.Length <= at).ToList())
            {
                _lastWhatsAppFromUser.TryRemove(KeyValuePair.Create(key, wrote));
            }
        }

        _lastWhatsAppFromUser[(ours, contact)] = at;
    }

    internal bool IsOptedOut(string ours, string contact) => _optedOut.TryGetValue((ours, contact), out var optedOut) && optedOut;

    internal void SetOptedOut(string ours, string contact, bool optedOut) => _optedOut[(ours, contact)] = optedOut;

    /// <summary>The (our number, contact) pairs that opted out and did not opt back in, in a stable order.</summary>
    internal List<(string Our, string Contact)> OptedOut() =>
        [.. _optedOut.Where(o => o.Value).Select(o => o.Key).OrderBy(k => k.Our).ThenBy(k => k.Contact)];

    /// <summary>
    /// The WhatsApp conversation a message belongs to: the open one with this contact when it has the same
    /// category (or the message is a free-form reply inside it), else a new one that is open for 24 hours.
    /// </summary>
    internal WhatsAppConversation Conversation(Random rng, string from, string to, string category, DateTime now)
    {
        if (_conversations.Count > MaxRemembered)
        {
            // Forget expired conversations so a long demo run does not grow without bound.
            foreach (var (key, expired) in _conversations.Where(c => c.Value.ExpiresAt <= now).ToList())
            {
                _conversations.TryRemove(KeyValuePair.Create(key, expired));
            }
        }

        var id = new byte[16];
        rng.NextBytes(id);
        var fresh = new WhatsAppConversation(Convert.ToHexStringLower(id), category, now.AddHours(24));
        return _conversations.AddOrUpdate((from, to), fresh,
            (_, open) => open.ExpiresAt > now && (open.Origin == category || category == RateCard.Service) ? open : fresh);
    }
}
