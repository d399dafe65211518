using System.Collections.Frozen;
using System.Text;

namespace Dashboard.Core.Sending;

/// <summary>The two SMS encodings Plivo chooses between; one non-GSM character makes the whole message UCS-2.</summary>
public enum SmsEncodingKind
{
    /// <summary>GSM 03.38 7-bit default alphabet plus its extension table: 160 septets single, 153 per part.</summary>
    Gsm7,

    /// <summary>UTF-16: 70 code units single, 67 per part.</summary>
    Ucs2,
}

/// <summary>
/// A local estimate of how a text will be encoded and billed, for the compose form's live counter.
/// The dashboard reports Plivo's own <c>units</c> for sent messages, never this estimate.
/// </summary>
/// <param name="Encoding">The encoding the whole message needs.</param>
/// <param name="Characters">Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (an emoji usually counts 2).</param>
/// <param name="Units">Segments Plivo bills; at least 1, because even an empty message is one unit.</param>
/// <param name="PerUnit">Capacity of one segment at this length: 160/70 for a single unit, 153/67 once the message is split.</param>
/// <param name="CharactersLeftInUnit">
/// How many more 1-wide characters (in the units of <see cref="Characters"/>) fit before <see cref="Units"/> grows.
/// A 2-wide character can still tip it over with one left, and a non-GSM character switches the encoding.
/// </param>
/// <param name="MaxCharacters">Plivo's cap for this encoding: 1,600 GSM-7 or 737 UCS-2 characters.</param>
/// <param name="TooLong">True when <see cref="Characters"/> exceeds <see cref="MaxCharacters"/>; Plivo rejects such a text (error 110).</param>
/// <param name="NonGsmCharacters">The distinct characters (Unicode scalars, in order of appearance) that forced UCS-2; empty for GSM-7.</param>
public sealed record SmsCount(
    SmsEncodingKind Encoding,
    int Characters,
    int Units,
    int PerUnit,
    int CharactersLeftInUnit,
    int MaxCharacters,
    bool TooLong,
    IReadOnlyList<string> NonGsmCharacters);

/// <summary>
/// Estimates SMS encoding and segment count the way Plivo describes it (GSM 03.38 or UCS-2, concatenated with a
/// 6-byte header that costs 7 septets or 3 UTF-16 units per segment).
/// </summary>
/// <remarks>
/// Segments are packed greedily without splitting a GSM escape pair or a UTF-16 surrogate pair across two parts,
/// as concatenating senders do. This can need one unit more than ceil(characters / 153) when a 2-wide character
/// would straddle a boundary. Plivo's length check has been seen to disagree with a plain UTF-16 count
/// (plivo-python #298), so the compose form must still handle the API's 400 error.
/// </remarks>
public static class SmsEncoding
{
    /// <summary>Septets in a message that fits in one unit.</summary>
    public const int Gsm7SingleUnit = 160;

    /// <summary>Septets per segment once split: 7 go to the concatenation header.</summary>
    public const int Gsm7PerPart = 153;

    /// <summary>Plivo's cap for a GSM-7 text.</summary>
    public const int Gsm7MaxCharacters = 1_600;

    /// <summary>UTF-16 code units in a message that fits in one unit.</summary>
    public const int Ucs2SingleUnit = 70;

    /// <summary>UTF-16 code units per segment once split.</summary>
    public const int Ucs2PerPart = 67;

    /// <summary>Plivo's cap for a UCS-2 text (11 x 67).</summary>
    public const int Ucs2MaxCharacters = 737;

    // GSM 03.38 default alphabet, minus ESC (0x1B): a literal escape in user text has no meaning.
    private const string BasicCharacters =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    // Extension table: each is sent as ESC + character, so it takes two septets.
    private const string ExtensionCharacters = "\f^{}\\[~]|€";

    private static readonly FrozenSet<char> Basic = BasicCharacters.ToFrozenSet();
    private static readonly FrozenSet<char> Extension = ExtensionCharacters.ToFrozenSet();

    /// <summary>Counts characters and units for <paramref name="text"/>; null counts as empty.</summary>
    public static SmsCount Count(string? text)
    {
        text ??= "";
        var nonGsm = FindNonGsm(text);
        return nonGsm.Count == 0 ? CountGsm7(text) : CountUcs2(text, nonGsm);
    }

    /// <summary>The number of units Plivo would bill for <paramref name="text"/> (at least 1).</summary>
    public static int Units(string? text) => Count(text).Units;

    private static List<string> FindNonGsm(string text)
    {
        var found = new List<string>();
        foreach (var rune in text.EnumerateRunes())
        {
            var isGsm = rune.IsBmp && (Basic.Contains((char)rune.Value) || Extension.Contains((char)rune.Value));
            var character = rune.ToString();
            if (!isGsm && !found.Contains(character))
            {
                found.Add(character);
            }
        }

        return found;
    }

    private static SmsCount CountGsm7(string text)
    {
        var widths = text.Select(c => Extension.Contains(c) ? 2 : 1).ToList();
        return Build(SmsEncodingKind.Gsm7, widths, Gsm7SingleUnit, Gsm7PerPart, Gsm7MaxCharacters, []);
    }

    private static SmsCount CountUcs2(string text, IReadOnlyList<string> nonGsm)
    {
        // A valid surrogate pair is one 2-wide piece; a lone surrogate still occupies one code unit.
        var widths = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            widths.Add(pair ? 2 : 1);
            if (pair)
            {
                i++;
            }
        }

        return Build(SmsEncodingKind.Ucs2, widths, Ucs2SingleUnit, Ucs2PerPart, Ucs2MaxCharacters, nonGsm);
    }

    private static SmsCount Build(
        SmsEncodingKind encoding, List<int> widths, int singleUnit, int perPart, int max, IReadOnlyList<string> nonGsm)
    {
        var characters = widths.Sum();
        if (characters <= singleUnit)
        {
            // Plivo bills a sent message at least one unit, so an empty text is one unit with everything left.
            return new SmsCount(encoding, characters, 1, singleUnit, singleUnit - characters, max, false, nonGsm);
        }

        var units = 1;
        var filled = 0;
        foreach (var width in widths)
        {
            if (filled + width > perPart)
            {
                units++;
                filled = 0;
            }

            filled += width;
        }

        return new SmsCount(encoding, characters, units, perPart, perPart - filled, max, characters > max, nonGsm);
    }
}
