using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class NumberingTests
{
    [Fact]
    public void CountriesCoverTheCommonMessagingDestinations()
    {
        var isoCodes = Numbering.Countries.Select(c => c.Iso2).ToHashSet();

        Assert.InRange(Numbering.Countries.Count, 20, 40);
        Assert.Superset(
            new HashSet<string> { "US", "CA", "GB", "IN", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "AU", "SG", "ZA", "NG", "KE", "AE", "PH", "ID", "JP" },
            isoCodes);
    }

    [Fact]
    public void CountriesAreUniqueAndWellFormed()
    {
        var isoCodes = Numbering.Countries.Select(c => c.Iso2).ToList();

        Assert.Equal(isoCodes.Count, isoCodes.Distinct().Count());
        Assert.All(Numbering.Countries, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c.Iso2);
            Assert.Matches("^[1-9][0-9]{0,2}$", c.DialCode);
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
        });
    }

    [Fact]
    public void EveryCountryHasTwoToFourNetworks() =>
        Assert.All(Numbering.Countries, c =>
            Assert.InRange(Numbering.Networks.Count(n => n.CountryIso2 == c.Iso2), 2, 4));

    [Fact]
    public void NetworksAreUniqueAndBelongToTheirMccCountry()
    {
        var keys = Numbering.Networks.Select(n => (n.Mcc, n.Mnc)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(Numbering.Networks, n =>
        {
            Assert.Matches("^[0-9]{3}$", n.Mcc);
            Assert.Matches("^[0-9]{2,3}$", n.Mnc);
            Assert.Equal(n.CountryIso2, Numbering.CountryIsoOfMcc(n.Mcc));
        });
    }

    [Theory]
    [InlineData("14155550100", "US")]
    [InlineData("+1 (415) 555-0100", "US")]
    [InlineData("+1 416 555 0100", "CA")]
    [InlineData("16045550100", "CA")]
    [InlineData("1.514.555.0100", "CA")]
    [InlineData("12125550100", "US")]
    [InlineData("+44 7700 900123", "GB")]
    [InlineData("919876543210", "IN")]
    [InlineData("+49 151 12345678", "DE")]
    [InlineData("+33 6 12 34 56 78", "FR")]
    [InlineData("+55 11 91234-5678", "BR")]
    [InlineData("+61 412 345 678", "AU")]
    [InlineData("+65 8123 4567", "SG")]
    [InlineData("+27 82 123 4567", "ZA")]
    [InlineData("+234 803 123 4567", "NG")]
    [InlineData("+254 712 345678", "KE")]
    [InlineData("+971 50 123 4567", "AE")]
    [InlineData("+63 917 123 4567", "PH")]
    [InlineData("+62 812 3456 7890", "ID")]
    [InlineData("+81 90 1234 5678", "JP")]
    [InlineData("+353 85 123 4567", "IE")]
    [InlineData("+852 9123 4567", "HK")]
    [InlineData("+966 50 123 4567", "SA")]
    public void FindsTheCountryOfANumber(string number, string expectedIso)
    {
        var country = Numbering.CountryOfNumber(number);

        Assert.Equal(expectedIso, country?.Iso2);
    }

    [Fact]
    public void LongestDialCodeWins()
    {
        // "234" is Nigeria; no shorter listed code may claim it first.
        var country = Numbering.CountryOfNumber("2348031234567");

        Assert.Equal("Nigeria", country?.Name);
    }

    [Fact]
    public void ShortNanpNumberFallsBackToUs()
    {
        var country = Numbering.CountryOfNumber("+1");

        Assert.Equal("US", country?.Iso2);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("+")]
    [InlineData("MyShop")]
    [InlineData("+44 7700 9OO123")]
    [InlineData("0044 7700 900123")]
    [InlineData("+7 912 345 67 89")]
    public void UnknownOrMalformedNumbersHaveNoCountry(string? number) => Assert.Null(Numbering.CountryOfNumber(number));

    [Theory]
    [InlineData("310", "410", "AT&T")]
    [InlineData("311", "480", "Verizon")]
    [InlineData("310", "260", "T-Mobile")]
    [InlineData("234", "10", "O2")]
    [InlineData("234", "15", "Vodafone")]
    [InlineData("404", "45", "Airtel (Karnataka)")]
    [InlineData("334", "020", "Telcel")]
    public void FindsNetworksByMccAndMnc(string mcc, string mnc, string expectedName)
    {
        var network = Numbering.Network(mcc, mnc);

        Assert.Equal(expectedName, network?.Name);
    }

    [Theory]
    [InlineData("234", "010")]
    [InlineData(" 234 ", " 10 ")]
    public void MncPaddingDoesNotMatter(string mcc, string mnc)
    {
        var network = Numbering.Network(mcc, mnc);

        Assert.Equal(new MobileNetwork("234", "10", "GB", "O2"), network);
    }

    [Theory]
    [InlineData(null, "10")]
    [InlineData("234", null)]
    [InlineData("", "")]
    [InlineData("234", "99")]
    [InlineData("999", "10")]
    [InlineData("abc", "10")]
    [InlineData("234", "-10")]
    [InlineData("234", "1000")]
    public void UnknownOrMalformedCodesHaveNoNetwork(string? mcc, string? mnc) => Assert.Null(Numbering.Network(mcc, mnc));

    [Theory]
    [InlineData("310", "US")]
    [InlineData("316", "US")]
    [InlineData("302", "CA")]
    [InlineData("235", "GB")]
    [InlineData("406", "IN")]
    [InlineData("441", "JP")]
    [InlineData(" 262 ", "DE")]
    public void MapsMccToCountry(string mcc, string expectedIso) => Assert.Equal(expectedIso, Numbering.CountryIsoOfMcc(mcc));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("250")]
    [InlineData("31")]
    public void UnknownMccHasNoCountry(string? mcc) => Assert.Null(Numbering.CountryIsoOfMcc(mcc));

    [Theory]
    [InlineData("+1 (415) 555-0100", "14155550100")]
    [InlineData("+44 7700.900/123", "447700900123")]
    [InlineData("\t+91 98765\u00a043210\n", "919876543210")]
    [InlineData("14155550100", "14155550100")]
    [InlineData("My-Shop", "MyShop")]
    [InlineData("ACME Ltd.", "ACMELtd")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void NormalizesAsPlivoDoes(string? raw, string expected) => Assert.Equal(expected, Numbering.NormalizeNumber(raw));
}
