using Dashboard.Core.Plivo;

namespace Dashboard.Core.Tests.Plivo;

public class PlivoSendRulesTests
{
    private static readonly PlivoSendRequest Valid = new() { Src = "14155550100", Dst = "14155550123", Text = "hi" };

    public static TheoryData<PlivoSendRequest, string, string> Broken => new()
    {
        { Valid with { Src = null, PowerpackUuid = null }, "src", "Either src or powerpack_uuid is required" },
        { Valid with { PowerpackUuid = "9f1c7a52" }, "src", "Either src or powerpack_uuid should be specified, not both" },
        { Valid with { Src = "ACME-NOTIFICATIONS" }, "src", "src must be a number of at most 14 digits or an alphanumeric sender ID of at most 11 characters" },
        { Valid with { Dst = "14155550123<+1 415 555 0100" }, "dst", "src and dst cannot be the same number" },
        { Valid with { Text = null }, "text", "text parameter is required for sms" },
        { Valid with { Text = new string('a', 1_601) }, "text", "text parameter length exceeds 1600 characters" },
        { Valid with { MediaUrls = ["https://m.example/1.jpg"] }, "media_urls", "media_urls is only allowed when type is mms or whatsapp" },
        { Valid with { Type = "mms" }, "media_urls", "media_urls or media_ids is required for mms" },
        { Valid with { Type = "mms", MediaUrls = ["not a url"] }, "media_urls", "media_urls contains an invalid URL: not a url" },
        { Valid with { Type = "whatsapp", Text = new string('a', 4_097) }, "text", "text parameter length exceeds 4096 characters" },
        { Valid with { Type = "whatsapp", MediaUrls = ["https://m.example/1.jpg", "https://m.example/2.jpg"] }, "media_urls", "whatsapp accepts a single media URL" },
        { Valid with { Template = new PlivoTemplate { Name = "order_update", Language = "en" } }, "template", "template is only allowed when type is whatsapp" },
        { Valid with { Type = "whatsapp", Text = null, Interactive = new PlivoInteractive { Type = "carousel" } }, "interactive", "interactive.type must be one of button, list, cta_url" },
        { Valid with { Type = "whatsapp", Text = null, Location = new PlivoLocation { Latitude = 91, Longitude = 0 } }, "location", "location needs a latitude between -90 and 90 and a longitude between -180 and 180" },
        { Valid with { Type = "whatsapp", Template = new(), Location = new PlivoLocation { Latitude = 1, Longitude = 1 } }, "template", "only one of template, interactive and location may be sent" },
        { Valid with { Url = "/plivo/status" }, "url", "url must be an absolute http or https URL" },
        { Valid with { MessageExpiry = 10_800 }, "message_expiry", "message_expiry must be between 5 and 10799 seconds" },
    };

    [Fact]
    public void AValidRequestBreaksNoRule() => Assert.Empty(PlivoSendRules.Validate(Valid));

    [Theory]
    [MemberData(nameof(Broken))]
    public void EachRuleNamesItsParameter(PlivoSendRequest request, string parameter, string message)
    {
        var errors = PlivoSendRules.Validate(request);

        var error = Assert.Single(errors, e => e.Parameter == parameter && e.Message == message);
        Assert.EndsWith(".", error.Plain);
        Assert.DoesNotContain("parameter", error.Plain, StringComparison.Ordinal);
        Assert.DoesNotContain("dst", error.Plain, StringComparison.Ordinal);
    }

    [Fact]
    public void AWhatsAppTemplateAloneIsEnough()
    {
        var request = Valid with { Type = "whatsapp", Text = null, Template = new PlivoTemplate { Name = "order_update", Language = "en" } };

        Assert.Empty(PlivoSendRules.Validate(request));
    }

    [Theory]
    [InlineData("14155550123<+44 7700 900123< ", new[] { "14155550123", "447700900123" })]
    [InlineData("", new string[0])]
    public void DestinationsSplitAtLessThanAndAreNormalised(string dst, string[] expected) =>
        Assert.Equal(expected, PlivoSendRules.SplitDestinations(dst));
}
