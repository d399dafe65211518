using Dashboard.Core.Messages;
using Dashboard.Core.Sending;

namespace Dashboard.Core.Tests.Sending;

public class RateCardTests
{
    [Theory]
    [InlineData("otp_verification_code", RateCard.Authentication)]
    [InlineData("login_code", RateCard.Authentication)]
    [InlineData("summer_sale_promo", RateCard.Marketing)]
    [InlineData("order_update", RateCard.Utility)]
    [InlineData(null, RateCard.Service)]
    public void WhatsAppCategoryIsGuessedFromTheTemplateName(string? template, string expected) =>
        Assert.Equal(expected, RateCard.WhatsAppCategoryOf(template));

    [Fact]
    public void MmsIsOfferedToNorthAmericaOnly()
    {
        Assert.NotNull(RateCard.Outbound("US", MessageType.Mms));
        Assert.NotNull(RateCard.Outbound("CA", MessageType.Mms));
        Assert.Null(RateCard.Outbound("GB", MessageType.Mms));
    }

    [Fact]
    public void FreeFormWhatsAppInAnOpenWindowIsFree() =>
        Assert.Equal(0, RateCard.Outbound("US", MessageType.WhatsApp, RateCard.Service));

    [Fact]
    public void UnknownCountriesUseTheDefaultRate() =>
        Assert.Equal(RateCard.Default.Sms, RateCard.Outbound(null, MessageType.Sms));

    [Fact]
    public void EveryCountryWeKnowHasARate() =>
        Assert.All(Numbering.Countries, c => Assert.True(RateCard.Countries.ContainsKey(c.Iso2), c.Iso2));
}
