using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class PlivoAmountTests
{
    [Theory]
    [InlineData("0.00140", 140)]
    [InlineData("0.0065", 650)]
    [InlineData("12", 1_200_000)]
    [InlineData("0.000005", 1)]
    public void ParsesPlivoDecimalStringsIntoWholeUnits(string text, long expected)
    {
        Assert.True(PlivoAmount.TryParse(text, out var units));

        Assert.Equal(expected, units);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1,5")]
    public void RejectsTextThatIsNotAnAmount(string text) => Assert.False(PlivoAmount.TryParse(text, out _));

    [Fact]
    public void FormatsWithFiveDecimalsAsPlivoDoes() => Assert.Equal("0.00140", PlivoAmount.Format(140));
}
