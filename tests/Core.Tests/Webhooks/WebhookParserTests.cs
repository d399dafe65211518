using Dashboard.Core.Messages;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Tests.Webhooks;

public class WebhookParserTests
{
    private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];

    [Fact]
    public void ParsesEveryStatusCallbackAttribute()
    {
        var form = Form(
            ("MessageUUID", "B48D95DC-E3AC-11EB-A9C2-0242AC110005"), ("To", "12401234567"), ("From", "17087654321"),
            ("Type", "whatsapp"), ("Status", "read"), ("ConversationExpirationTimestamp", "1685127240"),
            ("ConversationOrigin", "marketing"), ("ConversationID", "conv-1"), ("Units", "1"), ("TotalRate", "0.00140"),
            ("TotalAmount", "0.00140"), ("MCC", "312"), ("MNC", "650"), ("ErrorCode", "000"),
            ("ParentMessageUUID", "b48d95dc-e3ac-11eb-a9c2-0242ac110005"), ("PartInfo", "1/1"), ("Sequence", "4"),
            ("MessageTime", "2021-07-13 13:04:06.799021"), ("QueuedTime", "2021-07-13 13:04:06.900000"),
            ("SentTime", "2021-07-13 13:04:07.000000"), ("DeliveryReportTime", "2021-07-13 13:04:09.000000"),
            ("requester_ip", "192.168.0.1"), ("PowerpackUUID", "pp-1"), ("Unknown", "x"));

        var result = WebhookParser.ParseStatus(form);

        Assert.True(result.IsValid);
        var cb = result.Value!;
        Assert.Equal("b48d95dc-e3ac-11eb-a9c2-0242ac110005", cb.MessageUuid);
        Assert.Equal(MessageType.WhatsApp, cb.Type);
        Assert.Equal(MessageState.Read, cb.Status);
        Assert.Equal(new DateTime(2023, 5, 26, 18, 54, 0, DateTimeKind.Utc), cb.ConversationExpiresAt);
        Assert.Equal("marketing", cb.ConversationOrigin);
        Assert.Equal("conv-1", cb.ConversationId);
        Assert.Equal(1, cb.Units);
        Assert.Equal(140, cb.TotalRate);
        Assert.Equal(140, cb.TotalAmount);
        Assert.Equal("312", cb.Mcc);
        Assert.Equal("650", cb.Mnc);
        Assert.Equal("000", cb.ErrorCode);
        Assert.Equal("1/1", cb.PartInfo);
        Assert.Equal(4, cb.Sequence);
        Assert.Equal(new DateTime(2021, 7, 13, 13, 4, 6, DateTimeKind.Utc).AddTicks(7_990_210), cb.MessageTime);
        Assert.Equal(new DateTime(2021, 7, 13, 13, 4, 9, DateTimeKind.Utc), cb.DeliveryReportTime);
        Assert.Equal("192.168.0.1", cb.RequesterIp);
        Assert.Equal("pp-1", cb.PowerpackUuid);
        Assert.Contains(cb.Raw, p => p.Key == "Unknown" && p.Value == "x");
    }

    [Fact]
    public void EmptyOptionalAttributesAreAbsentNotErrors()
    {
        var result = WebhookParser.ParseStatus(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("Status", "queued"), ("Units", ""), ("ErrorCode", ""), ("SentTime", "")));

        Assert.True(result.IsValid);
        Assert.Null(result.Value!.Units);
        Assert.Null(result.Value.ErrorCode);
        Assert.Null(result.Value.SentTime);
        Assert.Equal(MessageType.Sms, result.Value.Type);
    }

    [Fact]
    public void ReportsEveryBadFieldAtOnce()
    {
        var result = WebhookParser.ParseStatus(Form(("MessageUUID", "nope"), ("Status", "lost"), ("Units", "1.5"), ("MessageTime", "13/07/2021")));

        Assert.False(result.IsValid);
        Assert.Equal(["MessageUUID", "Status", "Units", "MessageTime"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void TimestampWithOffsetIsConvertedToUtc()
    {
        var result = WebhookParser.ParseStatus(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("Status", "sent"), ("SentTime", "2021-07-13 13:04:06.799021+05:30")));

        Assert.Equal(new DateTime(2021, 7, 13, 7, 34, 6, DateTimeKind.Utc).AddTicks(7_990_210), result.Value!.SentTime);
    }

    [Fact]
    public void InboundTakesBodyWhenTextIsAbsentAndParsesMediaKeys()
    {
        var result = WebhookParser.ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Type", "mms"),
            ("Body", "look"), ("MediaCount", "2"), ("Media2", "https://m/2.png"), ("Media1", "https://m/1.png"), ("MediaUrl", "ignored")));

        Assert.True(result.IsValid);
        Assert.Equal("look", result.Value!.Text);
        Assert.Equal([new InboundMedia(1, "https://m/1.png"), new InboundMedia(2, "https://m/2.png")], result.Value.Media);
    }

    [Fact]
    public void InboundRequiresFromAndTo()
    {
        var result = WebhookParser.ParseInbound(Form(("MessageUUID", Guid.NewGuid().ToString()), ("Text", "hi")));

        Assert.Equal(["From", "To"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void OverlongFieldIsRejected()
    {
        var result = WebhookParser.ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "1"), ("To", "2"), ("Text", new string('a', WebhookParser.MaxFieldLength + 1))));

        Assert.Equal("Text", Assert.Single(result.Errors).Field);
    }
}
