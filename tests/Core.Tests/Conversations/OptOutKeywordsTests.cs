using Dashboard.Core.Conversations;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Conversations;

public class OptOutKeywordsTests
{
    private readonly OptOutKeywords _keywords = new(Options.Create(new OptOutOptions()));

    [Theory]
    [InlineData("STOP", "optout")]
    [InlineData("  stop\n", "optout")]
    [InlineData("Stop   All", "optout")]
    [InlineData("unsubscribe", "optout")]
    [InlineData("Quit", "optout")]
    [InlineData("START", "optin")]
    [InlineData("unstop", "optin")]
    [InlineData("help", "help")]
    [InlineData("can you stop texting me", null)]
    [InlineData("stop it", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void WholeTextMustBeAKeyword(string? text, string? expected) => Assert.Equal(expected, _keywords.Classify(null, text));

    [Fact]
    public void PlivosIntentWins() => Assert.Equal("optout", _keywords.Classify("optout", "please no more"));

    [Fact]
    public void ConfiguredKeywordsReplaceTheDefaults()
    {
        var custom = new OptOutKeywords(Options.Create(new OptOutOptions { OptOutKeywords = ["ARRET"] }));

        Assert.Equal("optout", custom.Classify(null, "arret"));
        Assert.Null(custom.Classify(null, "STOP"));
    }

    [Theory]
    [InlineData("please stop texting me", true)]
    [InlineData("Don't message me again", true)]
    [InlineData("remove me from your list", true)]
    [InlineData("I want to opt out", true)]
    [InlineData("stop sending these", true)]
    [InlineData("When does the shop stop serving lunch?", false)]
    [InlineData("Thanks, see you tomorrow", false)]
    public void FlagsTextsThatReadLikeAnOptOut(string text, bool expected) => Assert.Equal(expected, OptOutKeywords.LooksLikeOptOut(text));
}
