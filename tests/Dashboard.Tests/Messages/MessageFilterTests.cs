using Dashboard.Components.Pages.Messages;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Messages;

/// <summary>The message log's query string, read into the one <see cref="MessageFilter"/> and run on the seeded messages.</summary>
[Collection(SeededReportsCollection.Name)]
public class MessageFilterTests(SeededReports seeded)
{
    [Theory]
    [InlineData("message_direction=inbound", "J")]
    [InlineData("message_state=undelivered", "H C")]
    [InlineData("message_type=whatsapp", "F E")]
    [InlineData("message_type=mms&message_direction=outbound", "G")]
    [InlineData("error_code=900", "I D")]
    [InlineData("powerpack_id=" + SeededReports.Powerpack, "K F E")]
    [InlineData("destination_country_iso2=de", "J I H")]
    [InlineData("mcc=310&mnc=410", "K C B A")]
    [InlineData("mcc=310&mnc=410&message_state=undelivered", "C")]
    [InlineData("message_time__gte=2026-11-12&message_time__lt=2026-11-13", "G F E")]
    [InlineData("message_time__gte=2026-11-15 23:51&message_time__lt=2026-11-15 23:56", "I K")]
    [InlineData("q=%2B49 151 12345678", "J I H")]
    [InlineData("q=447700900123&message_state=failed", "D")]
    [InlineData("", "J I K H G F E D C B A")]
    [InlineData("message_state=failed,undelivered", "I H D C")]
    [InlineData("silent=true", "G")]
    [InlineData("message_state=failed&message_state=undelivered", "I H D C")]
    [InlineData("q=4155550123", "K C B A")]
    [InlineData("q=%2B44 (7700) 900-1", "F E D")]
    [InlineData("q=5550123", "K G C B A")]
    [InlineData("q=HALLO", "J")]
    [InlineData("q=no such words", "")]
    [InlineData("order=oldest&error_code=900", "D I")]
    public async Task FiltersSelectExactlyTheMatchingMessagesNewestFirst(string query, string expected)
    {
        var page = await ListAsync(query, pageSize: 50);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), page.Messages.Select(Name));
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task SearchByUuidFindsThatMessageWhateverItsCase()
    {
        var uuid = seeded.Uuids["E"].ToUpperInvariant();

        var page = await ListAsync($"q={uuid}", pageSize: 50);

        Assert.Equal(["E"], page.Messages.Select(Name));
    }

    [Fact]
    public async Task KeysetPagingWalksEveryMessageOnceThroughTheBeforeCursor()
    {
        var first = await ListAsync("", pageSize: 4);
        var second = await ListAsync($"before={MessageFilter.FormatCursor((first.Messages[^1].MessageTime, first.Messages[^1].Id))}", pageSize: 4);
        var third = await ListAsync($"before={MessageFilter.FormatCursor((second.Messages[^1].MessageTime, second.Messages[^1].Id))}", pageSize: 4);

        Assert.Equal(["J", "I", "K", "H"], first.Messages.Select(Name));
        Assert.True(first.HasMore);
        Assert.Equal(["G", "F", "E", "D"], second.Messages.Select(Name));
        Assert.True(second.HasMore);
        Assert.Equal(["C", "B", "A"], third.Messages.Select(Name));
        Assert.False(third.HasMore);
    }

    [Fact]
    public void UnreadableFiltersAreReportedByName()
    {
        var query = Parse("message_state=lost&message_time__gte=yesterday&before=abc&silent=yes");

        var (filter, errors) = query;

        Assert.Null(filter);
        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.Field == "silent");
        Assert.Contains(errors, e => e.Field == "message_state");
        Assert.Contains(errors, e => e.Field == "message_time__gte");
        Assert.Contains(errors, e => e.Field == "before");
    }

    [Fact]
    public void ChangingAFilterDropsTheCursorAndKeepsPlivoNames()
    {
        var (query, _) = Parse("error_code=30&mcc=310&before=1.2");

        var url = MessageLogLink.For(query!.FirstPage() with { States = [MessageState.Undelivered], Mcc = null });

        Assert.Equal("/messages?error_code=30&message_state=undelivered", url);
    }

    [Theory]
    [InlineData("q=hello&error_code=30&mcc=310&mnc=410&destination_country_iso2=US&silent=true&message_direction=outbound&message_type=sms&message_state=failed,undelivered&message_time__gte=2026-11-12&message_time__lt=2026-11-12 10:30&order=oldest&after=5.7")]
    [InlineData("message_time__gt=2026-11-12 10:30:15&message_time__lte=2026-11-12 10:30:15.250000&before=5.7")]
    public void WrittenQueryReadsBackToTheSameFilter(string query)
    {
        var (filter, _) = Parse(query);

        var written = string.Join('&', filter!.ToQuery().Select(p => $"{p.Key}={p.Value}"));

        Assert.Equal(query, written);
    }

    [Fact]
    public void APageCursorAgainstTheOrderIsRefused()
    {
        var (newest, newestErrors) = Parse("after=1.2");
        var (oldest, oldestErrors) = Parse("order=oldest&before=1.2");

        Assert.Null(newest);
        Assert.Equal("after", Assert.Single(newestErrors).Field);
        Assert.Null(oldest);
        Assert.Equal("before", Assert.Single(oldestErrors).Field);
    }

    [Fact]
    public async Task KeysetPagingOldestFirstWalksEveryMessageOnceThroughTheAfterCursor()
    {
        var first = await ListAsync("order=oldest", pageSize: 6);
        var second = await ListAsync($"order=oldest&after={MessageFilter.FormatCursor((first.Messages[^1].MessageTime, first.Messages[^1].Id))}", pageSize: 6);

        Assert.Equal(["A", "B", "C", "D", "E", "F"], first.Messages.Select(Name));
        Assert.True(first.HasMore);
        Assert.Equal(["G", "H", "K", "I", "J"], second.Messages.Select(Name));
        Assert.False(second.HasMore);
    }

    [Fact]
    public async Task CountIsExactUpToItsCapAndSaysWhenThereAreMore()
    {
        var queries = seeded.App.Services.GetRequiredService<MessageQueries>();

        var all = await queries.CountAsync(new MessageFilter());
        var capped = await queries.CountAsync(new MessageFilter(), cap: 5);
        var failed = await queries.CountAsync(new MessageFilter { States = [MessageState.Failed], Before = (DateTime.MinValue, 0) });

        Assert.Equal(new MessageCount(11, false), all);
        Assert.Equal(new MessageCount(5, true), capped);
        Assert.Equal(new MessageCount(2, false), failed);
    }

    private async Task<MessagePage> ListAsync(string query, int pageSize)
    {
        var (filter, errors) = Parse(query);
        Assert.Empty(errors);
        return await seeded.App.Services.GetRequiredService<MessageQueries>().ListAsync(filter! with { Limit = pageSize });
    }

    private static (MessageFilter? Filter, IReadOnlyList<Dashboard.Core.Webhooks.WebhookFieldError> Errors) Parse(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return MessageFilter.Parse(name => values.TryGetValue(name, out var v) ? v.ToString() : null);
    }

    private string Name(Message message) => seeded.Uuids.Single(u => u.Value == message.MessageUuid).Key;
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgreSqlSeededReportsCollection.Name)]
public sealed class PostgreSqlMessageFilterTests(PostgreSqlSeededReports seeded) : MessageFilterTests(seeded);
