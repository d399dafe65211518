using System.Net;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tests.Endpoints;

[Collection(DashboardCollection.Name)]
public class StatusWebhookTests(DashboardFactory app)
{
    [Fact]
    public async Task EverySeedAttributeRoundTripsIntoTheReadApi()
    {
        var uuid = Callbacks.NewUuid();
        var day = DateTime.ParseExact(Callbacks.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expiry = new DateTimeOffset(day.AddDays(1).AddHours(11).AddMinutes(54));
        var form = Callbacks.Status(uuid, "delivered", 3,
            ("Type", "whatsapp"), ("ErrorCode", "000"), ("ConversationID", "d0dfd12bed80dca89636268d0a67c383"),
            ("ConversationOrigin", "utility"), ("ConversationExpirationTimestamp", expiry.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("PowerpackUUID", "1d5f3dd8-b207-4738-b59f-3c2ac7d3461c"), ("TotalRate", "0.00140"), ("TotalAmount", "0.00280"),
            ("Units", "2"), ("PartInfo", "1 of 1"), ("SomethingNew", "kept"));

        var response = await app.PostSignedAsync("/plivo/status", form);
        var json = await GetJsonAsync($"/api/messages/{uuid}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = json.RootElement;
        Assert.Equal(uuid, root.GetProperty("message_uuid").GetString());
        Assert.Equal("delivered", root.GetProperty("message_state").GetString());
        Assert.Equal("whatsapp", root.GetProperty("message_type").GetString());
        Assert.Equal("outbound", root.GetProperty("message_direction").GetString());
        Assert.Equal("14155550100", root.GetProperty("from_number").GetString());
        Assert.Equal("14155550123", root.GetProperty("to_number").GetString());
        Assert.Equal(2, root.GetProperty("units").GetInt32());
        Assert.Equal("0.00140", root.GetProperty("total_rate").GetString());
        Assert.Equal("0.00280", root.GetProperty("total_amount").GetString());
        Assert.Equal("000", root.GetProperty("error_code").GetString());
        Assert.Equal("310", root.GetProperty("mcc").GetString());
        Assert.Equal("410", root.GetProperty("mnc").GetString());
        Assert.Equal("US", root.GetProperty("destination_country_iso2").GetString());
        Assert.Equal("1d5f3dd8-b207-4738-b59f-3c2ac7d3461c", root.GetProperty("powerpack_id").GetString());
        Assert.Equal("d0dfd12bed80dca89636268d0a67c383", root.GetProperty("conversation_id").GetString());
        Assert.Equal("utility", root.GetProperty("conversation_origin").GetString());
        Assert.Equal($"{expiry:yyyy-MM-dd} 11:54:00.000000", root.GetProperty("conversation_expiry_time").GetString());
        Assert.Equal($"{Callbacks.Day} 10:00:00.000000+00:00", root.GetProperty("message_time").GetString());
        Assert.Equal($"{Callbacks.Day} 10:00:01.250000+00:00", root.GetProperty("message_sent_time").GetString());
        Assert.Equal("203.0.113.7", root.GetProperty("requester_ip").GetString());
        var timeline = root.GetProperty("timeline");
        Assert.Equal(1, timeline.GetArrayLength());
        var parameters = timeline[0].GetProperty("parameters");
        Assert.Equal("kept", parameters.GetProperty("SomethingNew").GetString());
        Assert.Equal("1 of 1", parameters.GetProperty("PartInfo").GetString());
        Assert.Equal($"{Callbacks.Day} 10:00:04.500000", parameters.GetProperty("DeliveryReportTime").GetString());
        await using var db = app.CreateDb();
        var stored = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(day.AddHours(10).AddSeconds(4.5), stored.DeliveryReportTime);
        Assert.Equal(day.AddHours(10).AddMilliseconds(100), stored.QueuedTime);
        Assert.Equal("1 of 1", stored.PartInfo);
        Assert.Equal(uuid, stored.ParentMessageUuid);
    }

    [Fact]
    public async Task LateSentCallbackDoesNotOverwriteDelivered()
    {
        var uuid = Callbacks.NewUuid();

        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "queued", 1));
        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "delivered", 3));
        var late = await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "sent", 2));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(MessageState.Delivered, message.State);
        Assert.Equal(3, message.LastSequence);
        var events = await db.MessageEvents.Where(e => e.MessageId == message.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([MessageState.Queued, MessageState.Delivered, MessageState.Sent], events.Select(e => e.State));
        Assert.False(events[2].Applied);
    }

    [Fact]
    public async Task DuplicateCallbackIsStoredOnceAndCounted()
    {
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Status(uuid, "sent", 2);

        await app.PostSignedAsync("/plivo/status", form);
        var again = await app.PostSignedAsync("/plivo/status", form);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        var stored = await db.MessageEvents.Where(e => e.MessageId == message.Id).ToListAsync();
        Assert.Single(stored);
        Assert.Equal(1, stored[0].Repeats);
    }

    [Fact]
    public async Task UndeliveredCallbackKeepsItsErrorCodeAndCostsFromEarlierCallbacks()
    {
        var uuid = Callbacks.NewUuid();

        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "sent", 2, ("TotalAmount", "0.01300"), ("Units", "2")));
        await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "undelivered", 3, ("ErrorCode", "30"), ("TotalAmount", ""), ("Units", "")));

        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(MessageState.Undelivered, message.State);
        Assert.Equal("30", message.ErrorCode);
        Assert.Equal(1300, message.TotalAmount);
        Assert.Equal(2, message.Units);
    }

    [Fact]
    public async Task GetCallbackWithQueryStringIsAcceptedLikePost()
    {
        var uuid = Callbacks.NewUuid();

        var response = await app.GetSignedAsync("/plivo/status", Callbacks.Status(uuid, "failed", 2, ("ErrorCode", "900")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = app.CreateDb();
        var message = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal(MessageState.Failed, message.State);
        Assert.Equal("900", message.ErrorCode);
    }

    [Theory]
    [InlineData("MessageUUID", "not-a-uuid")]
    [InlineData("MessageUUID", "")]
    [InlineData("Status", "teleported")]
    [InlineData("Units", "two")]
    [InlineData("Sequence", "-1")]
    [InlineData("SentTime", "yesterday")]
    [InlineData("TotalAmount", "1,5")]
    [InlineData("TotalAmount", "92233720368547")]
    [InlineData("TotalAmount", "-0.00650")]
    [InlineData("MessageUUID", "{6ba7b810-9dad-11d1-80b4-00c04fd430c8}")]
    [InlineData("MessageUUID", "6ba7b8109dad11d180b400c04fd430c8")]
    [InlineData("MessageUUID", "00000000-0000-0000-0000-000000000000")]
    [InlineData("Status", "received")]
    [InlineData("MessageTime", "0001-01-01 00:00:00.000000")]
    [InlineData("MessageTime", "9999-12-31 23:59:59.000000")]
    public async Task MalformedCallbackGetsProblemNamingTheFieldAndStoresNothing(string field, string value)
    {
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Status(uuid, "sent", 2, (field, value));
        await using var before = app.CreateDb();
        var messagesBefore = await before.Messages.CountAsync();
        var eventsBefore = await before.MessageEvents.CountAsync();

        var response = await app.PostSignedAsync("/plivo/status", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
        await using var after = app.CreateDb();
        Assert.Equal(messagesBefore, await after.Messages.CountAsync());
        Assert.Equal(eventsBefore, await after.MessageEvents.CountAsync());
    }

    [Fact]
    public async Task TwoHugeAmountsOnOneDayAreRefusedAndTheCostsReportStillAnswers()
    {
        var first = await app.PostSignedAsync("/plivo/status", Callbacks.Status(Callbacks.NewUuid(), "sent", 2, ("TotalAmount", "92233720368547")));
        var second = await app.PostSignedAsync("/plivo/status", Callbacks.Status(Callbacks.NewUuid(), "sent", 2, ("TotalAmount", "92233720368547")));

        using var csv = await app.CreateClient().GetAsync($"/api/reports/costs.csv?from={Callbacks.Day}&to={Callbacks.Day}");
        using var page = await app.CreateClient().GetAsync($"/costs?from={Callbacks.Day}&to={Callbacks.Day}");

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task OversizedBodyIsRefusedAndNothingStored()
    {
        var uuid = Callbacks.NewUuid();
        var form = Callbacks.Status(uuid, "sent", 2, ("Padding", new string('x', 70_000)));

        var response = await app.PostSignedAsync("/plivo/status", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = app.CreateDb();
        Assert.False(await db.Messages.AnyAsync(m => m.MessageUuid == uuid));
    }

    [Fact]
    public async Task BadSignatureIsForbiddenAndNothingStored()
    {
        var uuid = Callbacks.NewUuid();

        var wrongToken = await app.PostSignedAsync("/plivo/status", Callbacks.Status(uuid, "sent", 2), token: "someone-elses-token");
        var unsigned = await app.CreateAnonymousClient().PostAsync("/plivo/status", new FormUrlEncodedContent(Callbacks.Status(uuid, "sent", 2)));

        Assert.Equal(HttpStatusCode.Forbidden, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        await using var db = app.CreateDb();
        Assert.False(await db.Messages.AnyAsync(m => m.MessageUuid == uuid));
    }

    [Fact]
    public async Task TamperedParameterFailsTheSignature()
    {
        var uuid = Callbacks.NewUuid();
        var signed = Callbacks.Status(uuid, "sent", 2);
        var nonce = "12345";
        var signature = Core.Webhooks.PlivoSignature.ComputeV3(DashboardFactory.AuthToken, "POST", new Uri("http://localhost/plivo/status"), signed, nonce);
        var tampered = Callbacks.Status(uuid, "delivered", 2);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/plivo/status") { Content = new FormUrlEncodedContent(tampered) };
        request.Headers.Add("X-Plivo-Signature-V3", signature);
        request.Headers.Add("X-Plivo-Signature-V3-Nonce", nonce);

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        var response = await app.CreateClient().GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
