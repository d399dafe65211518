using Dashboard.Core.Conversations;
using Dashboard.Core.Live;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>
/// The inbox's Core services on a <see cref="TempDatabase"/> (real SQLite, the real writer, a fake clock, the real
/// send service over a recording fake of Plivo), with
/// helpers that write inbound and outbound messages through the writer as webhooks and sends would.
/// </summary>
public sealed class InboxHarness : IAsyncDisposable
{
    public const string OurNumber = "14155550100";
    public const string OtherNumber = "14155550101";

    private InboxHarness(TempDatabase database)
    {
        Database = database;
        var factory = new TestDbFactory(database);
        Queries = new InboxQueries(factory, database.Time);
        Policy = new ReplyPolicy(database.Time);
        Send = SendingHarness.Create(Plivo, database.Writer, factory, database.Time);
        Replies = new InboxReplies(Queries, Policy, Send, database.Writer);
        QuickReplies = new QuickReplies(factory, database.Time);
    }

    public TempDatabase Database { get; }

    /// <summary>What the send service asked of Plivo.</summary>
    public FakePlivoClient Plivo { get; } = new();

    public InboxQueries Queries { get; }

    /// <summary>The send service the inbox sends through, as compose uses it.</summary>
    public SendService Send { get; }

    public ReplyPolicy Policy { get; }

    public InboxReplies Replies { get; }

    public QuickReplies QuickReplies { get; }

    public static async Task<InboxHarness> CreateAsync(StorageProvider provider = StorageProvider.Sqlite) =>
        new(await TempDatabase.CreateAsync(provider: provider));

    /// <summary>An inbound message received now (the fake clock's now), as the webhook stores it.</summary>
    /// <param name="writer">Another instance's writer; the database's own by default.</param>
    public Task<WriteResult> InboundAsync(string contact, string? text, MessageType type = MessageType.Sms, string to = OurNumber,
        string? intent = null, IReadOnlyList<InboundMedia>? media = null, string? context = null, string? buttonText = null,
        string? mimeType = null, string? uuid = null, MessageWriter? writer = null) =>
        (writer ?? Database.Writer).WriteInboundAsync(new InboundMessage
        {
            MessageUuid = uuid ?? Guid.NewGuid().ToString(),
            From = contact,
            To = to,
            Text = text,
            Type = type,
            Media = media ?? [],
            MediaCount = media?.Count ?? 0,
            ContextMessageUuid = context,
            ButtonText = buttonText,
            ButtonPayload = buttonText is null ? null : buttonText + "-payload",
            ContentType = buttonText is null ? null : "button",
            MimeType = mimeType,
            Raw = [new("From", contact)],
        }, intent);

    /// <summary>A message we sent, stored as queued as the send service does.</summary>
    public Task<WriteResult> OutboundAsync(string contact, string text, MessageType type = MessageType.Sms, string from = OurNumber, string? uuid = null) =>
        Database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = uuid ?? Guid.NewGuid().ToString(),
            From = from,
            To = contact,
            Type = type,
            Text = text,
            Request = [new("text", text)],
        });

    public async Task<long> ConversationIdAsync(string contact, ConversationChannel channel = ConversationChannel.Sms, string our = OurNumber)
    {
        await using var db = Database.CreateDb();
        return await db.Conversations.Where(c => c.ContactNumber == contact && c.Channel == channel && c.OurNumber == our)
            .Select(c => c.Id).SingleAsync();
    }

    /// <summary>Reads the conversation with <paramref name="contact"/> as the inbox page does, then marks it read as seen.</summary>
    public async Task<bool> MarkReadAsync(string contact) =>
        await Replies.MarkReadAsync((await Queries.GetAsync(await ConversationIdAsync(contact)))!.Conversation);

    /// <summary>The conversations named by the <see cref="ConversationChange"/>s waiting in <paramref name="subscription"/>, in order.</summary>
    public static List<long> ConversationsChanged(LiveSubscription subscription)
    {
        var changed = new List<long>();
        while (subscription.Reader.TryRead(out var change))
        {
            if (change is ConversationChange c)
            {
                changed.Add(c.InboxConversationId ?? 0);
            }
        }

        return changed;
    }

    public void Advance(TimeSpan by) => Database.Time.Advance(by);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
