using Dashboard.Core.Messages;
using Dashboard.Core.Webhooks;

namespace Dashboard.Core.Tests.Webhooks;

public class WebhookParserTests
{
    /// <summary>When the tests' callbacks arrive: a little after the seed's example times.</summary>
    private static readonly DateTime Now = new(2021, 7, 13, 14, 0, 0, DateTimeKind.Utc);

    private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))];

    private static WebhookParseResult<StatusCallback> ParseStatus(List<KeyValuePair<string, string>> form) => WebhookParser.ParseStatus(form, Now);

    private static WebhookParseResult<InboundMessage> ParseInbound(List<KeyValuePair<string, string>> form) => WebhookParser.ParseInbound(form, Now);

    [Fact]
    public void ParsesEveryStatusCallbackAttribute()
    {
        var form = Form(
            ("MessageUUID", "b48d95dc-e3ac-11eb-a9c2-0242ac110005"), ("To", "12401234567"), ("From", "17087654321"),
            ("Type", "whatsapp"), ("Status", "read"), ("ConversationExpirationTimestamp", "1626271446"),
            ("ConversationOrigin", "marketing"), ("ConversationID", "conv-1"), ("Units", "1"), ("TotalRate", "0.00140"),
            ("TotalAmount", "0.00140"), ("MCC", "312"), ("MNC", "650"), ("ErrorCode", "000"),
            ("ParentMessageUUID", "b48d95dc-e3ac-11eb-a9c2-0242ac110005"), ("PartInfo", "1/1"), ("Sequence", "4"),
            ("MessageTime", "2021-07-13 13:04:06.799021"), ("QueuedTime", "2021-07-13 13:04:06.900000"),
            ("SentTime", "2021-07-13 13:04:07.000000"), ("DeliveryReportTime", "2021-07-13 13:04:09.000000"),
            ("requester_ip", "192.168.0.1"), ("PowerpackUUID", "1d5f3dd8-b207-4738-b59f-3c2ac7d3461c"), ("Unknown", "x"));

        var result = ParseStatus(form);

        Assert.True(result.IsValid);
        var cb = result.Value!;
        Assert.Equal("b48d95dc-e3ac-11eb-a9c2-0242ac110005", cb.MessageUuid);
        Assert.Equal(MessageType.WhatsApp, cb.Type);
        Assert.Equal(MessageState.Read, cb.Status);
        Assert.Equal(new DateTime(2021, 7, 14, 14, 4, 6, DateTimeKind.Utc), cb.ConversationExpiresAt);
        Assert.Equal("marketing", cb.ConversationOrigin);
        Assert.Equal("conv-1", cb.PlivoConversationId);
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
        Assert.Equal("1d5f3dd8-b207-4738-b59f-3c2ac7d3461c", cb.PowerpackUuid);
        Assert.Contains(cb.Raw, p => p.Key == "Unknown" && p.Value == "x");
    }

    [Fact]
    public void EmptyOptionalAttributesAreAbsentNotErrors()
    {
        var result = ParseStatus(Form(
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
        var result = ParseStatus(Form(("MessageUUID", "nope"), ("Status", "lost"), ("Units", "1.5"), ("MessageTime", "13/07/2021")));

        Assert.False(result.IsValid);
        Assert.Equal(["MessageUUID", "Status", "Units", "MessageTime"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void TimestampWithOffsetIsConvertedToUtc()
    {
        var result = ParseStatus(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("Status", "sent"), ("SentTime", "2021-07-13 13:04:06.799021+05:30")));

        Assert.Equal(new DateTime(2021, 7, 13, 7, 34, 6, DateTimeKind.Utc).AddTicks(7_990_210), result.Value!.SentTime);
    }

    [Fact]
    public void InboundTakesBodyWhenTextIsAbsentAndParsesMediaKeys()
    {
        var result = ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Type", "mms"),
            ("Body", "look"), ("MediaCount", "2"), ("Media2", "https://m/2.png"), ("Media1", "https://m/1.png"), ("MediaUrl", "ignored")));

        Assert.True(result.IsValid);
        Assert.Equal("look", result.Value!.Text);
        Assert.Equal([new InboundMedia(1, "https://m/1.png"), new InboundMedia(2, "https://m/2.png")], result.Value.Media);
    }

    [Fact]
    public void InboundRequiresFromAndTo()
    {
        var result = ParseInbound(Form(("MessageUUID", Guid.NewGuid().ToString()), ("Text", "hi")));

        Assert.Equal(["From", "To"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void OverlongFieldIsRejected()
    {
        var result = ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "1"), ("To", "2"), ("Text", new string('a', WebhookParser.MaxTextLength + 1))));

        Assert.Equal("Text", Assert.Single(result.Errors).Field);
    }

    /// <summary>A status callback as Plivo sends it (seed 000), with one attribute replaced.</summary>
    private static List<KeyValuePair<string, string>> RealStatus(string field, string value)
    {
        var form = Form(
            ("MessageUUID", "b48d95dc-e3ac-11eb-a9c2-0242ac110005"), ("To", "12401234567"), ("From", "17087654321"),
            ("Type", "sms"), ("Status", "delivered"), ("Units", "1"), ("TotalRate", "0.00140"), ("TotalAmount", "0.00140"),
            ("MCC", "312"), ("MNC", "650"), ("ErrorCode", "000"), ("ParentMessageUUID", "b48d95dc-e3ac-11eb-a9c2-0242ac110005"),
            ("PartInfo", ""), ("Sequence", "3"), ("MessageTime", "2021-07-13 13:04:06.799021"),
            ("QueuedTime", "2021-07-13 13:04:06.900000"), ("SentTime", "2021-07-13 13:04:07.000000"),
            ("DeliveryReportTime", "2021-07-13 13:04:09.000000"), ("requester_ip", "192.168.0.1"), ("PowerpackUUID", ""),
            ("ConversationID", "d0dfd12bed80dca89636268d0a67c383"), ("ConversationOrigin", "utility"));
        var i = form.FindIndex(p => p.Key == field);
        if (i >= 0)
        {
            form[i] = new(field, value);
        }
        else
        {
            form.Add(new(field, value));
        }

        return form;
    }

    [Fact]
    public void RealStatusCallbackIsAccepted()
    {
        Assert.True(ParseStatus(RealStatus("Status", "delivered")).IsValid);
    }

    [Theory]
    [InlineData("To")]
    [InlineData("From")]
    [InlineData("ErrorCode")]
    [InlineData("MCC")]
    [InlineData("MNC")]
    [InlineData("ConversationID")]
    [InlineData("ConversationOrigin")]
    [InlineData("PartInfo")]
    [InlineData("requester_ip")]
    public void FieldLongerThanPlivoSendsIsRefusedByName(string field)
    {
        var result = ParseStatus(RealStatus(field, new string('1', 8192)));

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("{b48d95dc-e3ac-11eb-a9c2-0242ac110005}")]
    [InlineData("(b48d95dc-e3ac-11eb-a9c2-0242ac110005)")]
    [InlineData("b48d95dce3ac11eba9c20242ac110005")]
    [InlineData("{0xb48d95dc,0xe3ac,0x11eb,{0xa9,0xc2,0x02,0x42,0xac,0x11,0x00,0x05}}")]
    [InlineData("B48D95DC-E3AC-11EB-A9C2-0242AC110005")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData(" b48d95dc-e3ac-11eb-a9c2-0242ac11000")]
    public void OnlyTheCanonicalUuidSpellingIsAMessageUuid(string uuid)
    {
        var result = ParseStatus(RealStatus("MessageUUID", uuid));

        Assert.Equal("MessageUUID", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("Status", "received")]
    [InlineData("Status", "rejected")]
    [InlineData("TotalAmount", "-0.00650")]
    [InlineData("TotalRate", "-1")]
    [InlineData("TotalAmount", "92233720368547")]
    [InlineData("TotalRate", "100.00001")]
    [InlineData("TotalAmount", "25500.00001")]
    [InlineData("Units", "256")]
    [InlineData("MessageTime", "0001-01-01 00:00:00.000000")]
    [InlineData("MessageTime", "9999-12-31 23:59:59.999999")]
    [InlineData("DeliveryReportTime", "2021-07-15 14:00:01.000000")]
    [InlineData("QueuedTime", "2021-04-13 13:59:59.000000")]
    [InlineData("ConversationExpirationTimestamp", "253402300799")]
    [InlineData("MCC", "31")]
    [InlineData("MNC", "6a0")]
    [InlineData("ConversationOrigin", "Utility!")]
    [InlineData("ParentMessageUUID", "not-a-uuid")]
    [InlineData("PowerpackUUID", "pp-1")]
    public void ValueOutsideWhatPlivoSendsIsRefusedByName(string field, string value)
    {
        var result = ParseStatus(RealStatus(field, value));

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("TotalAmount", "25500.00000")]
    [InlineData("TotalRate", "100.00000")]
    [InlineData("Units", "255")]
    [InlineData("MNC", "01")]
    [InlineData("MNC", "1")]
    [InlineData("ErrorCode", "1000")]
    [InlineData("ConversationOrigin", "referral_conversion")]
    [InlineData("Status", "read")]
    [InlineData("Status", "QUEUED")]
    [InlineData("QueuedTime", "2021-04-14 14:00:01.000000")]
    [InlineData("ConversationExpirationTimestamp", "1626271446")]
    public void ValuesAtPlivosLimitsAreTaken(string field, string value)
    {
        var result = ParseStatus(RealStatus(field, value));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("""{"MessageUUID":"1Aff6e1cc-1d26-42a0-ba55-b748fc8013d"}""")]
    [InlineData("""{"MessageUUID":"{b48d95dc-e3ac-11eb-a9c2-0242ac110005}"}""")]
    [InlineData("""{"MessageUUID":"00000000-0000-0000-0000-000000000000"}""")]
    public void InboundContextMustNameAMessageUuid(string context)
    {
        var result = ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Type", "whatsapp"),
            ("Body", "yes"), ("Context", context)));

        Assert.Equal("Context", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void InboundContextWithAMessageUuidIsKept()
    {
        var result = ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Type", "whatsapp"),
            ("Body", "yes"), ("Context", """{"MessageUUID":"b48d95dc-e3ac-11eb-a9c2-0242ac110005"}""")));

        Assert.Equal("b48d95dc-e3ac-11eb-a9c2-0242ac110005", result.Value!.ContextMessageUuid);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("/relative.png")]
    public void InboundMediaMustBeAnHttpUrl(string url)
    {
        var result = ParseInbound(Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Type", "mms"),
            ("MediaCount", "1"), ("Media1", url)));

        Assert.Equal("Media1", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [InlineData("MessageIntent", "unsubscribe")]
    [InlineData("ContentType", "text/html")]
    [InlineData("From", "141555501991415555019914155550199")]
    [InlineData("TotalAmount", "92233720368547")]
    [InlineData("Units", "-1")]
    public void InboundValueOutsideWhatPlivoSendsIsRefusedByName(string field, string value)
    {
        var form = Form(
            ("MessageUUID", Guid.NewGuid().ToString()), ("From", "14155550199"), ("To", "14155550100"), ("Text", "hi"), ("Type", "sms"));
        form.RemoveAll(p => p.Key == field);
        form.Add(new(field, value));

        var result = ParseInbound(form);

        Assert.Equal(field, Assert.Single(result.Errors).Field);
    }
}
