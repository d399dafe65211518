using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Conversations;

/// <summary>The inbox list's filters, as the page keeps them in its query string.</summary>
public sealed record InboxFilter
{
    public const int DefaultLimit = 100;

    /// <summary>Only conversations with unread inbound messages.</summary>
    public bool UnreadOnly { get; init; }

    public ConversationChannel? Channel { get; init; }

    /// <summary>One of our numbers (digits, as stored).</summary>
    public string? OurNumber { get; init; }

    /// <summary>Only WhatsApp conversations whose customer-service window is open now.</summary>
    public bool OpenWindowOnly { get; init; }

    /// <summary>Digits of the contact's number, or words of any message in the thread.</summary>
    public string? Search { get; init; }

    public int Limit { get; init; } = DefaultLimit;
}

/// <summary>One row of the inbox list.</summary>
/// <param name="LastMessageType">The type of the newest message (tells an MMS apart in an SMS thread).</param>
/// <param name="NeedsOptOutReview">The newest message is inbound free text that reads like an opt-out request and the contact is not opted out.</param>
public sealed record ConversationSummary(
    long Id,
    string OurNumber,
    string ContactNumber,
    ConversationChannel Channel,
    MessageType? LastMessageType,
    DateTime LastMessageAt,
    string? LastMessagePreview,
    bool LastMessageInbound,
    int UnreadCount,
    bool IsOptedOut,
    ConversationWindow Window,
    bool NeedsOptOutReview);

/// <summary>The WhatsApp conversation Plivo reports in status callbacks (the billing conversation, not the window).</summary>
/// <param name="Origin">utility, authentication, marketing or service.</param>
public sealed record PlivoConversationInfo(string? Id, string? Origin, DateTime? ExpiresAt);

/// <summary>A conversation with what the view's header and composer need.</summary>
public sealed record ConversationDetail(
    Conversation Conversation,
    OptOut? OptOut,
    ConversationWindow Window,
    PlivoConversationInfo? PlivoConversation)
{
    public ReplyContext ReplyContext => new(Conversation.Channel, Conversation.LastInboundAt, OptOut);

    public bool IsOptedOut => OptOut is { IsOptedOut: true };
}

/// <summary>A media attachment of a thread message.</summary>
public sealed record ThreadMedia(string Url, string? ContentType);

/// <summary>The message a WhatsApp reply refers to (its <c>Context</c>), when we have it.</summary>
public sealed record ThreadQuote(string MessageUuid, MessageDirection? Direction, string? Text, bool Found);

/// <summary>One bubble of the thread.</summary>
/// <param name="LooksLikeOptOut">Inbound free text (not a keyword) that reads like a request to stop messaging.</param>
public sealed record ThreadMessage
{
    public required long Id { get; init; }

    public required string MessageUuid { get; init; }

    public MessageDirection Direction { get; init; }

    public MessageType Type { get; init; }

    public MessageState State { get; init; }

    public string? Text { get; init; }

    /// <summary>A WhatsApp template message (stored without text): the template we sent, shown where text would be.</summary>
    public SentTemplate? Template { get; init; }

    /// <summary>Outbound: the send's log option, which says why a text may not be kept.</summary>
    public string? Log { get; init; }

    public DateTime MessageTime { get; init; }

    public string? ErrorCode { get; init; }

    public IReadOnlyList<ThreadMedia> Media { get; init; } = [];

    public ThreadQuote? Context { get; init; }

    public string? ButtonText { get; init; }

    public string? ButtonPayload { get; init; }

    public string? ContentType { get; init; }

    /// <summary><c>optout</c>, <c>optin</c> or <c>help</c> for keyword messages.</summary>
    public string? MessageIntent { get; init; }

    public bool LooksLikeOptOut { get; init; }

    public string? ConversationOrigin { get; init; }

    public bool IsInbound => Direction == MessageDirection.Inbound;
}

/// <summary>The newest messages of a thread in chronological order; <see cref="HasEarlier"/> when older ones exist.</summary>
public sealed record ThreadPage(IReadOnlyList<ThreadMessage> Messages, bool HasEarlier);

/// <summary>
/// Reads the inbox: the conversation list (kept current by the ingest writer, so it never scans messages
/// except for a text search), a conversation's thread, the open WhatsApp windows, unread totals. It writes nothing:
/// the inbox's writes (read marks, agents' opt-outs, replies) are <see cref="InboxReplies"/>' through the single writer.
/// </summary>
public sealed class InboxQueries(IDbContextFactory<DashboardDb> factory, TimeProvider time)
{
    public const int DefaultThreadLimit = 200;

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(InboxFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var openSince = ConversationWindow.OpenSince(now);
        var query = db.Conversations.AsNoTracking();
        if (filter.UnreadOnly) query = query.Where(c => c.UnreadCount > 0);
        if (filter.Channel is { } channel) query = query.Where(c => c.Channel == channel);
        if (!string.IsNullOrWhiteSpace(filter.OurNumber))
        {
            var our = Numbering.NormalizeNumber(filter.OurNumber);
            query = query.Where(c => c.OurNumber == our);
        }

        if (filter.OpenWindowOnly)
        {
            query = query.Where(c => c.Channel == ConversationChannel.WhatsApp && c.LastInboundAt > openSince);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query = ApplySearch(db, query, filter.Search.Trim());
        }

        var rows = await Project(db, query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id))
            .Take(Math.Clamp(filter.Limit, 1, 1_000)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToSummary(now))];
    }

    /// <summary>Open WhatsApp windows, the one closing soonest first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ExpiringWindowsAsync(string? ourNumber = null, bool awaitingReplyOnly = false,
        int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var openSince = ConversationWindow.OpenSince(now);
        var query = db.Conversations.AsNoTracking()
            .Where(c => c.Channel == ConversationChannel.WhatsApp && c.LastInboundAt > openSince);
        if (!string.IsNullOrWhiteSpace(ourNumber))
        {
            var our = Numbering.NormalizeNumber(ourNumber);
            query = query.Where(c => c.OurNumber == our);
        }

        if (awaitingReplyOnly) query = query.Where(c => c.LastMessageInbound);
        var rows = await Project(db, query.OrderBy(c => c.LastInboundAt).ThenBy(c => c.Id)).Take(limit).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToSummary(now))];
    }

    public async Task<ConversationDetail?> GetAsync(long conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var conversation = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null)
        {
            return null;
        }

        var optOut = await db.OptOuts.AsNoTracking()
            .FirstOrDefaultAsync(o => o.OurNumber == conversation.OurNumber && o.ContactNumber == conversation.ContactNumber, cancellationToken);
        PlivoConversationInfo? plivo = null;
        if (conversation.Channel == ConversationChannel.WhatsApp)
        {
            plivo = await db.Messages.AsNoTracking()
                .Where(m => m.InboxConversationId == conversationId && (m.PlivoConversationId != null || m.ConversationExpiresAt != null))
                .OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id)
                .Select(m => new PlivoConversationInfo(m.PlivoConversationId, m.ConversationOrigin, m.ConversationExpiresAt))
                .FirstOrDefaultAsync(cancellationToken);
        }

        var window = ConversationWindow.Compute(conversation.Channel, conversation.LastInboundAt, time.GetUtcNow());
        return new ConversationDetail(conversation, optOut, window, plivo);
    }

    /// <summary>The newest <paramref name="limit"/> messages of a conversation, oldest first, with media and quoted messages.</summary>
    public async Task<ThreadPage> GetThreadAsync(long conversationId, int limit = DefaultThreadLimit, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.InboxConversationId == conversationId)
            .OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id)
            .Take(limit + 1)
            .Select(m => new
            {
                m.Id, m.MessageUuid, m.Direction, m.Type, m.State, m.Text, m.MessageTime, m.ErrorCode, m.ContextMessageUuid,
                m.ButtonText, m.ButtonPayload, m.ContentType, m.MimeType, m.MessageIntent, m.ConversationOrigin, m.MediaCount, m.Log,
            })
            .ToListAsync(cancellationToken);
        var hasEarlier = rows.Count > limit;
        if (hasEarlier)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        rows.Reverse();
        var withMedia = rows.Where(r => r.MediaCount > 0).Select(r => r.Id).ToList();
        var media = (withMedia.Count == 0
                ? []
                : await db.MessageMedia.AsNoTracking().Where(x => withMedia.Contains(x.MessageId))
                    .OrderBy(x => x.MessageId).ThenBy(x => x.Index).ToListAsync(cancellationToken))
            .ToLookup(x => x.MessageId);
        var contextUuids = rows.Where(r => r.ContextMessageUuid != null).Select(r => r.ContextMessageUuid!).Distinct().ToList();
        var quotedRows = contextUuids.Count == 0
            ? []
            : await db.Messages.AsNoTracking().Where(m => contextUuids.Contains(m.MessageUuid))
                .Select(m => new { m.Id, m.MessageUuid, m.Direction, m.Type, m.Text, m.MediaCount, m.Log })
                .ToListAsync(cancellationToken);

        // Template messages have no text: what they show comes from our send request (MessageContent).
        var templates = await TemplatesAsync(db,
            [.. rows.Where(r => MessageContent.MayBeTemplate(r.Direction, r.Type, r.Text)).Select(r => (r.Id, r.Log)),
             .. quotedRows.Where(q => MessageContent.MayBeTemplate(q.Direction, q.Type, q.Text)).Select(q => (q.Id, q.Log))],
            cancellationToken);
        var quoted = quotedRows.ToDictionary(q => q.MessageUuid, q => new ThreadQuote(
            q.MessageUuid, q.Direction, MessageContent.Preview(q.Text, q.MediaCount, templates.GetValueOrDefault(q.Id)), true));

        return new ThreadPage([.. rows.Select(r => new ThreadMessage
        {
            Id = r.Id,
            MessageUuid = r.MessageUuid,
            Direction = r.Direction,
            Type = r.Type,
            State = r.State,
            Text = r.Text,
            Template = templates.GetValueOrDefault(r.Id),
            Log = r.Log,
            MessageTime = r.MessageTime,
            ErrorCode = r.ErrorCode,
            Media = [.. media[r.Id].Select(x => new ThreadMedia(x.Url, x.ContentType ?? r.MimeType))],
            Context = r.ContextMessageUuid is not { } uuid ? null
                : quoted.TryGetValue(uuid, out var quote) ? quote
                : new ThreadQuote(uuid, null, null, Found: false),
            ButtonText = r.ButtonText,
            ButtonPayload = r.ButtonPayload,
            ContentType = r.ContentType,
            MessageIntent = r.MessageIntent,
            LooksLikeOptOut = r.Direction == MessageDirection.Inbound && r.MessageIntent is null && OptOutKeywords.LooksLikeOptOut(r.Text),
            ConversationOrigin = r.ConversationOrigin,
        })], hasEarlier);
    }

    /// <summary>The templates of these messages' send requests (their first timeline event), by message id.</summary>
    private static async Task<Dictionary<long, SentTemplate>> TemplatesAsync(DashboardDb db, List<(long Id, string? Log)> messages,
        CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var ids = messages.Select(m => m.Id).ToList();
        var logs = messages.DistinctBy(m => m.Id).ToDictionary(m => m.Id, m => m.Log);
        var requests = await db.MessageEvents.AsNoTracking()
            .Where(e => ids.Contains(e.MessageId) && e.Kind == MessageEventKind.SendAccepted)
            .Select(e => new { e.MessageId, e.RawParameters })
            .ToListAsync(cancellationToken);
        var templates = new Dictionary<long, SentTemplate>();
        foreach (var request in requests)
        {
            if (MessageContent.TemplateOf(request.RawParameters, logs[request.MessageId]) is { } template)
            {
                templates[request.MessageId] = template;
            }
        }

        return templates;
    }

    /// <summary>Total unread inbound messages across all conversations (the navigation badge).</summary>
    public async Task<int> TotalUnreadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.SumAsync(c => c.UnreadCount, cancellationToken);
    }

    /// <summary>Our numbers that have conversations, for the filter.</summary>
    public async Task<IReadOnlyList<string>> OurNumbersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.Select(c => c.OurNumber).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The message log's search rule (<see cref="MessageSearch"/>), applied to conversations: a term written like a phone
    /// number finds contacts whose number contains its digits; a message UUID finds that message's conversation; other
    /// words are searched, ignoring case, in the contact number and every message of the thread.
    /// </summary>
    private static IQueryable<Conversation> ApplySearch(DashboardDb db, IQueryable<Conversation> query, string term) =>
        MessageSearch.Read(term) switch
        {
            { Uuid: { } uuid } => query.Where(c => db.Messages.Any(m => m.InboxConversationId == c.Id && m.MessageUuid == uuid)),
            { Digits: { } digits } => query.Where(c => c.ContactNumber.Contains(digits)),
            { TextPattern: { } pattern } => query.Where(c => EF.Functions.Like(c.ContactNumber.ToLower(), pattern, MessageSearch.Escape)
                || db.Messages.Any(m => m.InboxConversationId == c.Id && m.Text != null && EF.Functions.Like(m.Text.ToLower(), pattern, MessageSearch.Escape))),
            _ => query,
        };

    private static IQueryable<ConversationRow> Project(DashboardDb db, IQueryable<Conversation> query) =>
        query.Select(c => new ConversationRow(
            c.Id, c.OurNumber, c.ContactNumber, c.Channel,
            db.Messages.Where(m => m.InboxConversationId == c.Id)
                .OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id)
                .Select(m => (MessageType?)m.Type).FirstOrDefault(),
            c.LastMessageAt, c.LastMessagePreview, c.LastMessageInbound, c.UnreadCount, c.LastInboundAt,
            db.OptOuts.Any(o => o.OurNumber == c.OurNumber && o.ContactNumber == c.ContactNumber && o.IsOptedOut)));

    private sealed record ConversationRow(
        long Id, string OurNumber, string ContactNumber, ConversationChannel Channel, MessageType? LastMessageType,
        DateTime LastMessageAt, string? LastMessagePreview, bool LastMessageInbound, int UnreadCount, DateTime? LastInboundAt,
        bool IsOptedOut)
    {
        public ConversationSummary ToSummary(DateTimeOffset now) => new(
            Id, OurNumber, ContactNumber, Channel, LastMessageType, LastMessageAt, LastMessagePreview, LastMessageInbound,
            UnreadCount, IsOptedOut, ConversationWindow.Compute(Channel, LastInboundAt, now),
            NeedsOptOutReview: LastMessageInbound && !IsOptedOut && OptOutKeywords.LooksLikeOptOut(LastMessagePreview));
    }
}
