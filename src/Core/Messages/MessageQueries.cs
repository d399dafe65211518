using System.Runtime.CompilerServices;
using Dashboard.Core.Plivo;
using Dashboard.Core.Reconciliation;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Messages;

/// <summary>A page of messages in the filter's order; <see cref="HasMore"/> says whether a next page exists.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, bool HasMore);

/// <summary>One message with its timeline (events in the order they were received) and media.</summary>
public sealed record MessageDetail(Message Message, IReadOnlyList<MessageEvent> Timeline, IReadOnlyList<MessageMedia> Media);

/// <summary>Reads messages for the read API and the pages: one context per call, no tracking.</summary>
public sealed class MessageQueries(IDbContextFactory<DashboardDb> factory, SilentMessages silent)
{
    public async Task<MessageDetail?> GetAsync(string messageUuid, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var uuid = messageUuid.Trim().ToLowerInvariant();
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageUuid == uuid, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var events = await db.MessageEvents.AsNoTracking().Where(e => e.MessageId == message.Id)
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var media = await db.MessageMedia.AsNoTracking().Where(m => m.MessageId == message.Id)
            .OrderBy(m => m.Index).ToListAsync(cancellationToken);
        return new MessageDetail(message, events, media);
    }

    /// <summary>
    /// One page in the filter's order by (MessageTime, Id): keyset paging with <see cref="MessageFilter.Before"/> or
    /// <see cref="MessageFilter.After"/>, else <see cref="MessageFilter.Offset"/>.
    /// </summary>
    public async Task<MessagePage> ListAsync(MessageFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var skip = filter.Before is null && filter.After is null ? filter.Offset : 0;
        var rows = await FewSearchMatchesAsync(db, filter, skip, cancellationToken)
            ?? await Ordered(Apply(db.Messages.AsNoTracking(), filter), filter).Skip(skip).Take(filter.Limit + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > filter.Limit;
        return new MessagePage(hasMore ? rows[..filter.Limit] : rows, hasMore);
    }

    /// <summary>
    /// The first <paramref name="limit"/> messages of <paramref name="uuids"/> that match <paramref name="filter"/>
    /// (cursor and paging ignored), in its order: what a live page adds for the new messages of a batch, by their unique
    /// index, instead of reading its whole page again; no more than the page can show (a batch under load holds hundreds).
    /// </summary>
    public async Task<IReadOnlyList<Message>> MatchingAsync(MessageFilter filter, IReadOnlyCollection<string> uuids, int limit, CancellationToken cancellationToken = default)
    {
        if (uuids.Count == 0)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var keys = uuids.ToArray();
        var first = filter.FirstPage();
        return await Ordered(Apply(db.Messages.AsNoTracking(), first).Where(m => keys.Contains(m.MessageUuid)), first)
            .Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How many messages match (cursor and paging ignored), counting at most <paramref name="cap"/> + 1 rows: a count
    /// over a busy month stays as cheap as reading that many index entries.
    /// </summary>
    public async Task<MessageCount> CountAsync(MessageFilter filter, int cap = MessageCount.DefaultCap, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var count = await Apply(db.Messages.AsNoTracking(), filter.FirstPage()).Take(cap + 1).CountAsync(cancellationToken);
        return new MessageCount(Math.Min(count, cap), count > cap);
    }

    /// <summary>
    /// Every matching message in the filter's order, from its cursor on, read one row at a time (no list in memory):
    /// for exports. Limit and offset are ignored.
    /// </summary>
    public async IAsyncEnumerable<Message> StreamAsync(MessageFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = Ordered(Apply(db.Messages.AsNoTracking(), filter), filter).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// A search in numbers or text (no index can serve "contains") that matches few messages: walking the time index
    /// newest first would look up every row of the table before the page fills (0.6 s at 100,000 messages), while one
    /// sequential scan for the matching keys takes a tenth of that. So: read up to <see cref="ScanLimit"/> + 1 matching
    /// keys in table order; if that is all of them, order and page them here and read the page's rows by id. Null when
    /// the search is not of that kind or matches more (then matches are dense and the index walk is quick).
    /// </summary>
    private async Task<List<Message>?> FewSearchMatchesAsync(DashboardDb db, MessageFilter filter, int skip, CancellationToken cancellationToken)
    {
        if (MessageSearch.Read(filter.Search) is { Digits: null, TextPattern: null })
        {
            return null;
        }

        var keys = await Apply(db.Messages.AsNoTracking(), filter).Select(m => new { m.MessageTime, m.Id })
            .Take(ScanLimit + 1).ToListAsync(cancellationToken);
        if (keys.Count > ScanLimit)
        {
            return null;
        }

        var page = keys.Select(k => (Time: k.MessageTime, k.Id)).Where(k => filter switch
        {
            { Before: { } b } => k.Time < b.Time || (k.Time == b.Time && k.Id < b.Id),
            { After: { } a } => k.Time > a.Time || (k.Time == a.Time && k.Id > a.Id),
            _ => true,
        });
        var ordered = filter.Order == MessageOrder.OldestFirst ? page.OrderBy(k => k.Time).ThenBy(k => k.Id) : page.OrderByDescending(k => k.Time).ThenByDescending(k => k.Id);
        var ids = ordered.Skip(skip).Take(filter.Limit + 1).Select(k => k.Id).ToList();
        var rows = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => ids.IndexOf(r.Id))];
    }

    /// <summary>Up to this many matches of a search, paging in memory beats walking the time index (see <see cref="FewSearchMatchesAsync"/>).</summary>
    private const int ScanLimit = 2_000;

    /// <summary>The filter's order by (MessageTime, Id), after its keyset position when there is one.</summary>
    private static IQueryable<Message> Ordered(IQueryable<Message> query, MessageFilter filter)
    {
        // Same rows as "MessageTime < t OR (MessageTime = t AND Id < id)", but written so SQLite can seek the
        // (…, MessageTime) indexes to the cursor: the OR form scans from the newest row (O(depth) per page).
        if (filter.Before is { } before)
        {
            query = query.Where(m => m.MessageTime <= before.Time && (m.MessageTime < before.Time || m.Id < before.Id));
        }

        if (filter.After is { } after)
        {
            query = query.Where(m => m.MessageTime >= after.Time && (m.MessageTime > after.Time || m.Id > after.Id));
        }

        return filter.Order == MessageOrder.OldestFirst
            ? query.OrderBy(m => m.MessageTime).ThenBy(m => m.Id)
            : query.OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id);
    }

    private IQueryable<Message> Apply(IQueryable<Message> query, MessageFilter f)
    {
        if (f.Silent) query = silent.Of(query);
        if (f.Direction is { } direction) query = query.Where(m => m.Direction == direction);
        if (f.States is [var state]) query = query.Where(m => m.State == state);
        if (f.States is { Count: > 1 }) { var states = f.States.ToArray(); query = query.Where(m => states.Contains(m.State)); }
        if (f.Type is { } type) query = query.Where(m => m.Type == type);
        if (f.TimeGt is { } gt) query = query.Where(m => m.MessageTime > gt);
        if (f.TimeGte is { } gte) query = query.Where(m => m.MessageTime >= gte);
        if (f.TimeLt is { } lt) query = query.Where(m => m.MessageTime < lt);
        if (f.TimeLte is { } lte) query = query.Where(m => m.MessageTime <= lte);
        if (f.ErrorCode is { } error) query = query.Where(m => m.ErrorCode == error);
        if (f.PowerpackId is { } powerpack) query = query.Where(m => m.PowerpackUuid == powerpack);
        if (f.FromNumber is { } from) query = query.Where(m => m.FromNumber == from);
        if (f.ToNumber is { } to) query = query.Where(m => m.ToNumber == to);
        if (f.CountryIso2 is { } country) query = query.Where(m => m.CountryIso2 == country);
        if (f.Mcc is { } mcc) query = query.Where(m => m.Mcc == mcc);
        if (f.Mnc is { } mnc) query = query.Where(m => m.Mnc == mnc);
        if (f.PlivoConversationId is { } conversation) query = query.Where(m => m.PlivoConversationId == conversation);
        if (f.ConversationOrigin is { } origin) query = query.Where(m => m.ConversationOrigin == origin);
        return MessageSearch.Read(f.Search) switch
        {
            { Uuid: { } uuid } => query.Where(m => m.MessageUuid == uuid),
            { Digits: { } digits } => query.Where(m => m.FromNumber.Contains(digits) || m.ToNumber.Contains(digits)),
            { TextPattern: { } pattern } => query.Where(m => m.Text != null && EF.Functions.Like(m.Text.ToLower(), pattern, MessageSearch.Escape)),
            _ => query,
        };
    }
}

/// <summary>A bounded count: <see cref="Count"/> messages, or more than that when <see cref="AtLeast"/>.</summary>
public sealed record MessageCount(int Count, bool AtLeast)
{
    public const int DefaultCap = 10_000;
}

/// <summary>Writes our stored messages in Plivo's Message-object shape.</summary>
public static class PlivoMessageMapper
{
    public static PlivoMessage ToPlivo(Message m, string authId) => new()
    {
        MessageUuid = m.MessageUuid,
        MessageDirection = PlivoNames.Of(m.Direction),
        MessageState = PlivoNames.Of(m.State),
        MessageType = PlivoNames.Of(m.Type),
        MessageTime = PlivoTime.Format(m.MessageTime),
        MessageSentTime = PlivoTime.Format(m.SentTime),
        MessageUpdatedTime = PlivoTime.Format(m.UpdatedAt),
        FromNumber = m.FromNumber,
        ToNumber = m.ToNumber,
        Units = m.Units ?? 0,
        TotalRate = PlivoAmount.Format(m.TotalRate),
        TotalAmount = PlivoAmount.Format(m.TotalAmount),
        ErrorCode = m.ErrorCode,
        ErrorMessage = m.ErrorCode is null || PlivoErrorCodes.IsSuccess(m.ErrorCode) ? null : PlivoErrorCodes.Describe(m.ErrorCode).Name,
        Mcc = m.Mcc,
        Mnc = m.Mnc,
        DestinationCountryIso2 = m.CountryIso2,
        DestinationNetwork = Numbering.Network(m.Mcc, m.Mnc)?.Name,
        PowerpackId = m.PowerpackUuid,
        ResourceUri = $"/v1/Account/{authId}/Message/{m.MessageUuid}/",
        ConversationId = m.PlivoConversationId,
        ConversationOrigin = m.ConversationOrigin,
        ConversationExpiryTime = m.ConversationExpiresAt is { } expiry ? PlivoTime.FormatCallback(expiry) : null,
        RequesterIp = m.RequesterIp,
        Log = m.Log ?? "true",
    };
}
