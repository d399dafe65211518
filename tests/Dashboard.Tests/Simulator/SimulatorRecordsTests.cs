using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dashboard.Core.Plivo;
using Dashboard.Core.Simulator;
using Dashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Simulator;

/// <summary>
/// The simulator's message records as Plivo's Message API answers them (get, list, media), read over a real socket in
/// Plivo's shapes. The dashboard itself never reads them back; a client of the simulated Plivo may.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public class SimulatorRecordsTests(LiveDashboard app)
{
    private const string MessagePath = $"/sim/v1/Account/{LiveDashboard.AuthId}/Message/";

    private IPlivoClient Client => app.Services.GetRequiredService<IPlivoClient>();

    [Fact]
    public async Task GetReturnsTheMessageRecordInPlivosShape()
    {
        var sent = await Client.SendAsync(new PlivoSendRequest
        {
            Src = "14155550100",
            Dst = "447700900163",
            // 150 plain characters and three GSM extension characters (two septets each): 156 + 4 spaces, then 2 units.
            Text = "€ [" + new string('a', 150) + "] end",
        });

        var mdr = await GetAsync<PlivoMessage>($"{MessagePath}{sent.MessageUuid[0]}/");

        Assert.Equal(sent.MessageUuid[0], mdr.MessageUuid);
        Assert.Equal("outbound", mdr.MessageDirection);
        Assert.Equal("sms", mdr.MessageType);
        Assert.Equal("14155550100", mdr.FromNumber);
        Assert.Equal("447700900163", mdr.ToNumber);
        Assert.Equal("GB", mdr.DestinationCountryIso2);
        Assert.Equal("234", mdr.Mcc);
        Assert.Equal(2, mdr.Units);
        Assert.Equal("0.04000", mdr.TotalRate);
        Assert.Contains(mdr.MessageState, new[] { "queued", "sent", "delivered", "undelivered", "failed" });
        Assert.Equal($"/v1/Account/{LiveDashboard.AuthId}/Message/{mdr.MessageUuid}/", mdr.ResourceUri);
        Assert.False(string.IsNullOrEmpty(mdr.ApiId));
    }

    [Fact]
    public async Task AnInboundMessageHasARecordInTheSameShape()
    {
        var sent = await Client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550169", Text = "Reply YES to confirm" });
        var reply = await app.Services.GetRequiredService<InboundTraffic>().SendInboundAsync(SimulatedInboundKind.Sms, sent.MessageUuid[0]);

        var mdr = await GetAsync<PlivoMessage>($"{MessagePath}{reply!.MessageUuid}/");

        Assert.Equal(("inbound", "delivered", "sms"), (mdr.MessageDirection, mdr.MessageState, mdr.MessageType));
        Assert.Equal(("14155550169", "14155550100"), (mdr.FromNumber, mdr.ToNumber));
        Assert.Equal("US", mdr.DestinationCountryIso2);
        Assert.True(mdr.IsDomestic);
        Assert.Equal($"/v1/Account/{LiveDashboard.AuthId}/Message/{reply.MessageUuid}/", mdr.ResourceUri);
    }

    [Fact]
    public async Task UnknownMessageIsNotFound()
    {
        using var client = Authorized();

        using var response = await client.GetAsync($"{MessagePath}{Guid.NewGuid()}/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ListPagesWithLimitAndOffsetAndFollowsPlivosMeta()
    {
        // A sender of its own keeps this test's messages apart from the other tests'.
        var src = "15005550164";
        await Client.SendAsync(new PlivoSendRequest { Src = src, Dst = string.Join('<', Enumerable.Range(0, 5).Select(i => $"1312555010{i}")), Text = "paging" });

        var first = await ListAsync(("from_number", src), ("limit", "2"));
        var second = await ListAsync(("from_number", src), ("limit", "2"), ("offset", "2"));
        var last = await ListAsync(("from_number", src), ("limit", "2"), ("offset", "4"));
        var none = await ListAsync(("from_number", src), ("message_direction", "inbound"));

        Assert.Equal([2, 2, 1], new[] { first.Objects.Count, second.Objects.Count, last.Objects.Count });
        Assert.Equal(5, first.Meta.TotalCount);
        Assert.Equal(2, first.Meta.Limit);
        Assert.Null(first.Meta.Previous);
        Assert.Equal($"/v1/Account/{LiveDashboard.AuthId}/Message/?from_number={src}&limit=2&offset=2", first.Meta.Next);
        Assert.Null(last.Meta.Next);
        Assert.NotNull(last.Meta.Previous);
        Assert.Equal(5, first.Objects.Concat(second.Objects).Concat(last.Objects).Select(m => m.MessageUuid).Distinct().Count());
        Assert.Empty(none.Objects);
    }

    [Fact]
    public async Task ListMediaReturnsTheMmsAttachments()
    {
        var sent = await Client.SendAsync(new PlivoSendRequest
        {
            Src = "14155550100",
            Dst = "14155550165",
            Type = "mms",
            Text = "Your receipt",
            MediaUrls = ["https://media.example/receipt.jpg", "https://media.example/map.png"],
        });

        var media = await GetAsync<PlivoMediaList>($"{MessagePath}{sent.MessageUuid[0]}/Media/");

        Assert.Equal(["https://media.example/receipt.jpg", "https://media.example/map.png"], media.Objects.Select(m => m.MediaUrl));
        Assert.Equal(["image/jpeg", "image/png"], media.Objects.Select(m => m.ContentType));
        Assert.All(media.Objects, m => Assert.Equal(sent.MessageUuid[0], m.MessageUuid));
        Assert.All(media.Objects, m => Assert.True(m.Size > 0));
    }

    [Theory]
    [InlineData("false", "14155****66")]
    [InlineData("content_only", "14155****66")]
    [InlineData("number_only", "14155550166")]
    public async Task TheRecordOfASendKeepsTheNumberAsItsLogOptionAllows(string log, string expectedTo)
    {
        var sent = await Client.SendAsync(new PlivoSendRequest { Src = "14155550100", Dst = "14155550166", Text = "hi", Log = log });

        var record = await GetAsync<PlivoMessage>($"{MessagePath}{sent.MessageUuid[0]}/");

        Assert.Equal((expectedTo, log), (record.ToNumber, record.Log));
    }

    private Task<PlivoList<PlivoMessage>> ListAsync(params (string Name, string Value)[] query) =>
        GetAsync<PlivoList<PlivoMessage>>(QueryHelpers.AddQueryString(MessagePath, query.Select(q => KeyValuePair.Create(q.Name, (string?)q.Value))));

    private async Task<T> GetAsync<T>(string path)
    {
        using var client = Authorized();
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(PlivoClient.Json))!;
    }

    private HttpClient Authorized()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{LiveDashboard.AuthId}:{LiveDashboard.AuthToken}")));
        return client;
    }
}
