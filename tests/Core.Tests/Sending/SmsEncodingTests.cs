using Dashboard.Core.Sending;

namespace Dashboard.Core.Tests.Sending;

public class SmsEncodingTests
{
    private static string Gsm(int length) => new('a', length);

    // Cyrillic "я" is outside GSM-7 and a single UTF-16 code unit.
    private static string Ucs2(int length) => new('я', length);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void GsmTextSplitsAt160ThenEvery153(int length, int expectedUnits)
    {
        var count = SmsEncoding.Count(Gsm(length));

        Assert.Equal(SmsEncodingKind.Gsm7, count.Encoding);
        Assert.Equal(length, count.Characters);
        Assert.Equal(expectedUnits, count.Units);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void UnicodeTextSplitsAt70ThenEvery67(int length, int expectedUnits)
    {
        var count = SmsEncoding.Count(Ucs2(length));

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(length, count.Characters);
        Assert.Equal(expectedUnits, count.Units);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("~")]
    [InlineData("|")]
    [InlineData("^")]
    [InlineData("\\")]
    [InlineData("€")]
    [InlineData("\f")]
    public void GsmExtendedCharactersCountTwice(string character)
    {
        var count = SmsEncoding.Count(character);

        Assert.Equal(SmsEncodingKind.Gsm7, count.Encoding);
        Assert.Equal(2, count.Characters);
        Assert.Empty(count.NonGsmCharacters);
    }

    [Fact]
    public void GsmBasicAccentsAndGreekCountOnce()
    {
        const string text = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r";

        var count = SmsEncoding.Count(text);

        Assert.Equal(SmsEncodingKind.Gsm7, count.Encoding);
        Assert.Equal(text.Length, count.Characters);
    }

    [Fact]
    public void ExtendedCharactersCanPushGsmTextIntoASecondUnit()
    {
        var text = Gsm(158) + "€";

        var count = SmsEncoding.Count(text);

        Assert.Equal(160, count.Characters);
        Assert.Equal(1, count.Units);
        Assert.Equal(2, SmsEncoding.Units(text + "a"));
    }

    [Fact]
    public void EmojiCountsTwoUtf16Units()
    {
        var count = SmsEncoding.Count("Hi 😀");

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(5, count.Characters);
        Assert.Equal(["😀"], count.NonGsmCharacters);
    }

    [Fact]
    public void OneSmartQuoteSwitchesTheWholeMessageToUnicode()
    {
        var count = SmsEncoding.Count(Gsm(100) + "’");

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(101, count.Characters);
        Assert.Equal(2, count.Units);
        Assert.Equal(["’"], count.NonGsmCharacters);
    }

    [Fact]
    public void NonGsmCharactersAreDistinctInOrderOfAppearance()
    {
        var count = SmsEncoding.Count("café — it’s “fine” — ok’");

        Assert.Equal(["—", "’", "“", "”"], count.NonGsmCharacters);
    }

    [Fact]
    public void AccentsOutsideTheGsmTableForceUnicode()
    {
        var count = SmsEncoding.Count("á");

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(["á"], count.NonGsmCharacters);
    }

    [Fact]
    public void InUnicodeExtendedGsmCharactersCountOnce()
    {
        var count = SmsEncoding.Count("{€}я");

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(4, count.Characters);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void EmptyTextIsOneGsmUnitWithEverythingLeft(string? text)
    {
        var count = SmsEncoding.Count(text);

        Assert.Equal(SmsEncodingKind.Gsm7, count.Encoding);
        Assert.Equal(0, count.Characters);
        Assert.Equal(1, count.Units);
        Assert.Equal(160, count.CharactersLeftInUnit);
        Assert.False(count.TooLong);
        Assert.Empty(count.NonGsmCharacters);
    }

    [Theory]
    [InlineData(150, 160, 10)]
    [InlineData(160, 160, 0)]
    [InlineData(161, 153, 145)]
    [InlineData(306, 153, 0)]
    [InlineData(307, 153, 152)]
    public void GsmCounterShowsWhatIsLeftBeforeTheNextUnit(int length, int expectedPerUnit, int expectedLeft)
    {
        var count = SmsEncoding.Count(Gsm(length));

        Assert.Equal(expectedPerUnit, count.PerUnit);
        Assert.Equal(expectedLeft, count.CharactersLeftInUnit);
    }

    [Theory]
    [InlineData(10, 70, 60)]
    [InlineData(70, 70, 0)]
    [InlineData(71, 67, 63)]
    [InlineData(134, 67, 0)]
    public void UnicodeCounterShowsWhatIsLeftBeforeTheNextUnit(int length, int expectedPerUnit, int expectedLeft)
    {
        var count = SmsEncoding.Count(Ucs2(length));

        Assert.Equal(expectedPerUnit, count.PerUnit);
        Assert.Equal(expectedLeft, count.CharactersLeftInUnit);
    }

    [Fact]
    public void LeftInUnitIsExactlyWhatFitsBeforeTheUnitCountGrows()
    {
        var count = SmsEncoding.Count(Gsm(200));

        Assert.Equal(count.Units, SmsEncoding.Units(Gsm(200 + count.CharactersLeftInUnit)));
        Assert.Equal(count.Units + 1, SmsEncoding.Units(Gsm(200 + count.CharactersLeftInUnit + 1)));
    }

    [Fact]
    public void EscapePairIsNotSplitAcrossSegments()
    {
        // 152 + 2 + 152 = 306 septets: ceil(306 / 153) says 2, but "{" cannot straddle the first boundary.
        var text = Gsm(152) + "{" + Gsm(152);

        var count = SmsEncoding.Count(text);

        Assert.Equal(306, count.Characters);
        Assert.Equal(3, count.Units);
        Assert.Equal(152, count.CharactersLeftInUnit);
    }

    [Fact]
    public void SurrogatePairIsNotSplitAcrossSegments()
    {
        // 66 + 2 + 66 = 134 code units: exactly two parts by arithmetic, three once the emoji moves whole.
        var text = Ucs2(66) + "😀" + Ucs2(66);

        var count = SmsEncoding.Count(text);

        Assert.Equal(134, count.Characters);
        Assert.Equal(3, count.Units);
    }

    [Fact]
    public void GsmTextOf1600CharactersIsAllowed()
    {
        var count = SmsEncoding.Count(Gsm(1_600));

        Assert.False(count.TooLong);
        Assert.Equal(1_600, count.MaxCharacters);
        Assert.Equal(11, count.Units);
    }

    [Fact]
    public void GsmTextOf1601CharactersIsTooLong()
    {
        var count = SmsEncoding.Count(Gsm(1_601));

        Assert.True(count.TooLong);
        Assert.Equal(11, count.Units);
    }

    [Fact]
    public void ExtendedCharactersCountTwiceTowardsTheGsmLimit()
    {
        var count = SmsEncoding.Count(Gsm(1_599) + "€");

        Assert.Equal(1_601, count.Characters);
        Assert.True(count.TooLong);
    }

    [Fact]
    public void UnicodeTextOf737CharactersIsAllowed()
    {
        var count = SmsEncoding.Count(Ucs2(737));

        Assert.False(count.TooLong);
        Assert.Equal(737, count.MaxCharacters);
        Assert.Equal(11, count.Units);
    }

    [Fact]
    public void UnicodeTextOf738CharactersIsTooLong()
    {
        var count = SmsEncoding.Count(Ucs2(738));

        Assert.True(count.TooLong);
        Assert.Equal(12, count.Units);
    }

    [Fact]
    public void LoneSurrogateStillForcesUnicodeAndCountsOneUnit()
    {
        var count = SmsEncoding.Count("a\uD83D");

        Assert.Equal(SmsEncodingKind.Ucs2, count.Encoding);
        Assert.Equal(2, count.Characters);
        Assert.Single(count.NonGsmCharacters);
    }
}
