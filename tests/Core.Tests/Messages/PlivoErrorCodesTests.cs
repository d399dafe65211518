using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class PlivoErrorCodesTests
{
    [Fact]
    public void TableHoldsEveryCodeFromTheFactsInNumericOrder()
    {
        var codes = PlivoErrorCodes.All.Select(e => e.Code);

        Assert.Equal(
            ["000", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100", "110", "120", "130", "140", "200", "201", "300", "420", "450", "900", "910", "1000"],
            codes);
    }

    [Fact]
    public void CodesAreUnique()
    {
        var codes = PlivoErrorCodes.All.Select(e => e.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryEntryHasANameAndAMeaning() =>
        Assert.All(PlivoErrorCodes.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Name));
            Assert.False(string.IsNullOrWhiteSpace(e.Meaning));
        });

    [Theory]
    [InlineData("10", "Invalid message", ErrorFaultDomain.Content)]
    [InlineData("20", "Network error", ErrorFaultDomain.Carrier)]
    [InlineData("30", "Spam detected", ErrorFaultDomain.Compliance)]
    [InlineData("40", "Invalid source number", ErrorFaultDomain.Account)]
    [InlineData("50", "Invalid destination number", ErrorFaultDomain.Destination)]
    [InlineData("70", "Destination permanently unavailable", ErrorFaultDomain.Handset)]
    [InlineData("80", "Destination temporarily unavailable", ErrorFaultDomain.Handset)]
    [InlineData("110", "Message too long", ErrorFaultDomain.Content)]
    [InlineData("200", "Blocked by STOP from destination", ErrorFaultDomain.Compliance)]
    [InlineData("420", "Message expired", ErrorFaultDomain.Platform)]
    [InlineData("450", "Destination country barred", ErrorFaultDomain.Account)]
    [InlineData("900", "Insufficient credit", ErrorFaultDomain.Account)]
    [InlineData("1000", "Unknown error", ErrorFaultDomain.Unknown)]
    public void DescribesKnownCodes(string code, string expectedName, ErrorFaultDomain expectedDomain)
    {
        var error = PlivoErrorCodes.Describe(code);

        Assert.Equal(code, error.Code);
        Assert.Equal(expectedName, error.Name);
        Assert.Equal(expectedDomain, error.Domain);
    }

    [Theory]
    [InlineData("20")]
    [InlineData("80")]
    [InlineData("300")]
    [InlineData("420")]
    public void TransientCodesAreWorthRetrying(string code) => Assert.True(PlivoErrorCodes.Describe(code).Transient);

    [Theory]
    [InlineData("30")]
    [InlineData("50")]
    [InlineData("70")]
    [InlineData("200")]
    [InlineData("900")]
    [InlineData("1000")]
    public void PermanentCodesAreNotTransient(string code) => Assert.False(PlivoErrorCodes.Describe(code).Transient);

    [Theory]
    [InlineData("130")]
    [InlineData("140")]
    [InlineData("300")]
    [InlineData("910")]
    public void CodesKnownOnlyFromThirdPartiesAreUnverified(string code) => Assert.False(PlivoErrorCodes.Describe(code).Verified);

    [Fact]
    public void DocumentedCodesAreVerified()
    {
        var verified = PlivoErrorCodes.All.Where(e => e.Verified).Select(e => e.Code);

        Assert.DoesNotContain("130", verified);
        Assert.Contains("420", verified);
        Assert.Contains("900", verified);
    }

    [Fact]
    public void TripleZeroStaysTripleZero()
    {
        var error = PlivoErrorCodes.Describe("000");

        Assert.Equal("000", error.Code);
        Assert.Equal(ErrorFaultDomain.None, error.Domain);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("00")]
    [InlineData("020")]
    public void CodesMatchExactlyNotNumerically(string code)
    {
        var error = PlivoErrorCodes.Describe(code);

        Assert.Equal(ErrorFaultDomain.Unknown, error.Domain);
        Assert.Equal($"Unknown (code {code})", error.Name);
    }

    [Fact]
    public void UnknownCodeIsDescribedNotRejected()
    {
        var error = PlivoErrorCodes.Describe("4711");

        Assert.Equal("4711", error.Code);
        Assert.Equal("Unknown (code 4711)", error.Name);
        Assert.Equal(ErrorFaultDomain.Unknown, error.Domain);
        Assert.False(error.Transient);
        Assert.False(error.Verified);
    }

    [Fact]
    public void SurroundingWhitespaceIsIgnored()
    {
        var error = PlivoErrorCodes.Describe(" 30\n");

        Assert.Equal("30", error.Code);
        Assert.Equal("Spam detected", error.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void MissingCodeMeansNoError(string? code)
    {
        var error = PlivoErrorCodes.Describe(code);

        Assert.Same(PlivoErrorCodes.NoError, error);
        Assert.Equal("No error", error.Name);
        Assert.Equal(ErrorFaultDomain.None, error.Domain);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("000", true)]
    [InlineData(" 000 ", true)]
    [InlineData("0", false)]
    [InlineData("20", false)]
    [InlineData("1000", false)]
    [InlineData("abc", false)]
    public void OnlyMissingOrTripleZeroCodesAreSuccess(string? code, bool expected) =>
        Assert.Equal(expected, PlivoErrorCodes.IsSuccess(code));
}
