using System.Globalization;
using Dashboard.Core.Plivo;
using Dashboard.Core.Reports;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Messages;

/// <summary>
/// Plivo's list filters (the names of its List Messages API), plus the dashboard's search and keyset paging.
/// </summary>
public sealed record MessageFilter
{
    public const int MaxApiLimit = 20;

    public MessageDirection? Direction { get; init; }

    public MessageState? State { get; init; }

    public MessageType? Type { get; init; }

    public DateTime? TimeGt { get; init; }

    public DateTime? TimeGte { get; init; }

    public DateTime? TimeLt { get; init; }

    public DateTime? TimeLte { get; init; }

    public string? ErrorCode { get; init; }

    public string? PowerpackId { get; init; }

    public string? FromNumber { get; init; }

    public string? ToNumber { get; init; }

    public string? CountryIso2 { get; init; }

    public string? Mcc { get; init; }

    public string? Mnc { get; init; }

    public string? ConversationId { get; init; }

    public string? ConversationOrigin { get; init; }

    /// <summary>A message UUID, or digits of a number (from or to).</summary>
    public string? Search { get; init; }

    public int Limit { get; init; } = MaxApiLimit;

    public int Offset { get; init; }

    /// <summary>Keyset paging: only messages older than this (MessageTime, Id) position.</summary>
    public (DateTime Time, long Id)? Before { get; init; }

    /// <summary>
    /// Reads Plivo's query parameters (<c>message_direction</c>, <c>message_state</c>, <c>message_type</c>,
    /// <c>message_time__gt/__gte/__lt/__lte</c>, <c>error_code</c>, <c>powerpack_id</c>, <c>limit</c> ≤ 20,
    /// <c>offset</c>, ...). Every unreadable value is reported by name. With <paramref name="time"/>, message times
    /// must also fall within the days reports cover (<see cref="DayRange.Window"/>, the one rule for ranges); a list is
    /// paged, so its span is not limited.
    /// </summary>
    public static (MessageFilter? Filter, IReadOnlyList<WebhookFieldError> Errors) Parse(Func<string, string?> query, TimeProvider? time = null)
    {
        var window = time is null ? (DayRange?)null : DayRange.Window(time);
        var errors = new List<WebhookFieldError>();

        T? Enum<T>(string name, PlivoParse<T> parse, string expected)
            where T : struct
        {
            var text = query(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (parse(text, out var value))
            {
                return value;
            }

            errors.Add(new(name, $"'{text}' is not one of {expected}"));
            return null;
        }

        DateTime? Time(string name)
        {
            var text = query(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (PlivoTime.TryParse(text, out var value))
            {
                if (window is { } w && !w.Contains(DateOnly.FromDateTime(value)))
                {
                    errors.Add(new(name, $"'{text}' is outside the days the dashboard covers ({w})"));
                    return null;
                }

                return value;
            }

            errors.Add(new(name, $"'{text}' is not a time as YYYY-MM-DD HH:MM[:ss[.uuuuuu]]"));
            return null;
        }

        int Int(string name, int fallback, int min, int max)
        {
            var text = query(name);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add(new(name, $"'{text}' must be a whole number from {min} to {max}"));
            return fallback;
        }

        string? Text(string name) => string.IsNullOrWhiteSpace(query(name)) ? null : query(name)!.Trim();

        var exact = Time("message_time");
        var filter = new MessageFilter
        {
            Direction = Enum<MessageDirection>("message_direction", PlivoNames.TryParseDirection, "inbound, outbound"),
            State = Enum<MessageState>("message_state", PlivoNames.TryParseState, "queued, sent, delivered, undelivered, failed, read, received"),
            Type = Enum<MessageType>("message_type", PlivoNames.TryParseType, "sms, mms, whatsapp"),
            TimeGt = Time("message_time__gt"),
            TimeGte = Time("message_time__gte") ?? exact,
            TimeLt = Time("message_time__lt"),
            TimeLte = Time("message_time__lte") ?? exact,
            ErrorCode = Text("error_code"),
            PowerpackId = Text("powerpack_id"),
            FromNumber = Text("from_number"),
            ToNumber = Text("to_number"),
            CountryIso2 = Text("destination_country_iso2")?.ToUpperInvariant(),
            Mcc = Text("mcc"),
            Mnc = Text("mnc"),
            ConversationId = Text("conversation_id"),
            ConversationOrigin = Text("conversation_origin"),
            Limit = Int("limit", MaxApiLimit, 1, MaxApiLimit),
            Offset = Int("offset", 0, 0, int.MaxValue),
        };
        return errors.Count == 0 ? (filter, errors) : (null, errors);
    }

    public delegate bool PlivoParse<T>(string text, out T value);
}

/// <summary>A page of messages, newest first; <see cref="HasMore"/> says whether an older page exists.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, bool HasMore);

/// <summary>One message with its timeline (events in the order they were received) and media.</summary>
public sealed record MessageDetail(Message Message, IReadOnlyList<MessageEvent> Timeline, IReadOnlyList<MessageMedia> Media);

/// <summary>Reads messages for the read API and the pages: one context per call, no tracking.</summary>
public sealed class MessageQueries(IDbContextFactory<DashboardDb> factory)
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

    /// <summary>Newest first by (MessageTime, Id); keyset paging with <see cref="MessageFilter.Before"/>, else offset.</summary>
    public async Task<MessagePage> ListAsync(MessageFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var skip = filter.Before is null ? filter.Offset : 0;
        var take = filter.Limit + 1;
        List<Message> rows;
        if (SearchedNumber(filter.Search) is { } number)
        {
            // "From or to this number" as one OR query cannot walk an index in time order; two index walks
            // (FromNumber, MessageTime) and (ToNumber, MessageTime), each newest first, merged here, can.
            var unfiltered = filter with { Search = null };
            var sent = await Page(Apply(db.Messages.AsNoTracking(), unfiltered).Where(m => m.FromNumber == number), filter, 0, skip + take).ToListAsync(cancellationToken);
            var received = await Page(Apply(db.Messages.AsNoTracking(), unfiltered).Where(m => m.ToNumber == number && m.FromNumber != number), filter, 0, skip + take).ToListAsync(cancellationToken);
            rows = [.. sent.Concat(received).OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id).Skip(skip).Take(take)];
        }
        else
        {
            rows = await Page(Apply(db.Messages.AsNoTracking(), filter), filter, skip, take).ToListAsync(cancellationToken);
        }

        var hasMore = rows.Count > filter.Limit;
        return new MessagePage(hasMore ? rows[..filter.Limit] : rows, hasMore);
    }

    /// <summary>Newest first by (MessageTime, Id), after the keyset position when there is one.</summary>
    private static IQueryable<Message> Page(IQueryable<Message> query, MessageFilter filter, int skip, int take)
    {
        if (filter.Before is { } before)
        {
            // Same rows as "MessageTime < t OR (MessageTime = t AND Id < id)", but written so SQLite can seek the
            // (…, MessageTime) indexes to the cursor: the OR form scans from the newest row (O(depth) per page).
            query = query.Where(m => m.MessageTime <= before.Time && (m.MessageTime < before.Time || m.Id < before.Id));
        }

        return query.OrderByDescending(m => m.MessageTime).ThenByDescending(m => m.Id).Skip(skip).Take(take);
    }

    /// <summary>The digits of a search that is a phone number (not a UUID), else null.</summary>
    private static string? SearchedNumber(string? search) =>
        string.IsNullOrWhiteSpace(search) || Guid.TryParse(search.Trim(), out _) ? null : Numbering.NormalizeNumber(search);

    internal static IQueryable<Message> Apply(IQueryable<Message> query, MessageFilter f)
    {
        if (f.Direction is { } direction) query = query.Where(m => m.Direction == direction);
        if (f.State is { } state) query = query.Where(m => m.State == state);
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
        if (f.ConversationId is { } conversation) query = query.Where(m => m.ConversationId == conversation);
        if (f.ConversationOrigin is { } origin) query = query.Where(m => m.ConversationOrigin == origin);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var term = f.Search.Trim();
            if (Guid.TryParse(term, out _))
            {
                var uuid = term.ToLowerInvariant();
                query = query.Where(m => m.MessageUuid == uuid);
            }
            else
            {
                // ListAsync reads the two sides separately; this form serves counts and other callers.
                var digits = Numbering.NormalizeNumber(term);
                query = query.Where(m => m.FromNumber == digits || m.ToNumber == digits);
            }
        }

        return query;
    }
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
        ConversationId = m.ConversationId,
        ConversationOrigin = m.ConversationOrigin,
        ConversationExpiryTime = m.ConversationExpiresAt is { } expiry ? PlivoTime.FormatCallback(expiry) : null,
        RequesterIp = m.RequesterIp,
        Log = m.Log ?? "true",
    };
}
