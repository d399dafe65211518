using Dashboard.Components.Pages.Messages;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Messages;

/// <summary>The message log's query string, read into a filter and run on the seeded messages (newest first).</summary>
[Collection(SeededReportsCollection.Name)]
public class MessageLogQueryTests(SeededReports seeded)
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
    public async Task FiltersSelectExactlyTheMatchingMessagesNewestFirst(string query, string expected)
    {
        var page = await ListAsync(query, pageSize: 50);

        Assert.Equal(expected.Split(' '), page.Messages.Select(Name));
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
        var second = await ListAsync($"before={MessageLogQuery.Cursor(first.Messages[^1])}", pageSize: 4);
        var third = await ListAsync($"before={MessageLogQuery.Cursor(second.Messages[^1])}", pageSize: 4);

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
        var query = Parse("message_state=lost&message_time__gte=yesterday&before=abc");

        var (filter, errors) = query.ToFilter(50);

        Assert.Null(filter);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("message_state:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("message_time__gte:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("before:", StringComparison.Ordinal));
    }

    [Fact]
    public void ChangingAFilterDropsTheCursorAndKeepsPlivoNames()
    {
        var query = Parse("error_code=30&mcc=310&before=1.2");

        var url = query.With(("message_state", "undelivered"), ("mcc", null)).ToUrl();

        Assert.Equal("/messages?message_state=undelivered&error_code=30", url);
    }

    private async Task<MessagePage> ListAsync(string query, int pageSize)
    {
        var (filter, errors) = Parse(query).ToFilter(pageSize);
        Assert.Empty(errors);
        return await seeded.App.Services.GetRequiredService<MessageQueries>().ListAsync(filter!);
    }

    private static MessageLogQuery Parse(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return MessageLogQuery.From(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value.ToString())), values.TryGetValue("before", out var before) ? before.ToString() : null);
    }

    private string Name(Message message) => seeded.Uuids.Single(u => u.Value == message.MessageUuid).Key;
}
