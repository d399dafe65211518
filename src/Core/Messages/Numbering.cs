using System.Collections.Frozen;
using System.Globalization;

namespace Dashboard.Core.Messages;

/// <summary>A messaging destination country.</summary>
/// <param name="Iso2">ISO 3166-1 alpha-2 code, as Plivo's <c>destination_country_iso2</c>.</param>
/// <param name="Name">English short name.</param>
/// <param name="DialCode">ITU country calling code without "+"; US and CA share "1".</param>
public sealed record Country(string Iso2, string Name, string DialCode);

/// <summary>A mobile operator as identified by the <c>MCC</c>/<c>MNC</c> of a status callback.</summary>
/// <param name="Mcc">Mobile country code, three digits.</param>
/// <param name="Mnc">Mobile network code as usually written: two digits in most countries, three in North America, Mexico, India's Jio range and Colombia.</param>
/// <param name="CountryIso2">The country the MCC belongs to.</param>
/// <param name="Name">The operator's commercial name.</param>
public sealed record MobileNetwork(string Mcc, string Mnc, string CountryIso2, string Name);

/// <summary>
/// Small, dependency-free numbering reference data for the simulator and for reports: common messaging
/// destinations, a few real operators each, and dial-code lookup. Not a full numbering plan.
/// </summary>
public static class Numbering
{
    /// <summary>Common messaging destinations, by dial code then name.</summary>
    public static IReadOnlyList<Country> Countries { get; } =
    [
        new("US", "United States", "1"),
        new("CA", "Canada", "1"),
        new("ZA", "South Africa", "27"),
        new("NL", "Netherlands", "31"),
        new("FR", "France", "33"),
        new("ES", "Spain", "34"),
        new("IT", "Italy", "39"),
        new("GB", "United Kingdom", "44"),
        new("SE", "Sweden", "46"),
        new("PL", "Poland", "48"),
        new("DE", "Germany", "49"),
        new("MX", "Mexico", "52"),
        new("BR", "Brazil", "55"),
        new("CO", "Colombia", "57"),
        new("MY", "Malaysia", "60"),
        new("AU", "Australia", "61"),
        new("ID", "Indonesia", "62"),
        new("PH", "Philippines", "63"),
        new("NZ", "New Zealand", "64"),
        new("SG", "Singapore", "65"),
        new("JP", "Japan", "81"),
        new("IN", "India", "91"),
        new("NG", "Nigeria", "234"),
        new("KE", "Kenya", "254"),
        new("IE", "Ireland", "353"),
        new("HK", "Hong Kong", "852"),
        new("SA", "Saudi Arabia", "966"),
        new("AE", "United Arab Emirates", "971"),
    ];

    /// <summary>Two to four real operators per country in <see cref="Countries"/>, with their MCC/MNC.</summary>
    public static IReadOnlyList<MobileNetwork> Networks { get; } =
    [
        new("310", "410", "US", "AT&T"),
        new("311", "480", "US", "Verizon"),
        new("310", "260", "US", "T-Mobile"),
        new("302", "720", "CA", "Rogers"),
        new("302", "610", "CA", "Bell"),
        new("302", "220", "CA", "Telus"),
        new("302", "490", "CA", "Freedom Mobile"),
        new("655", "01", "ZA", "Vodacom"),
        new("655", "10", "ZA", "MTN"),
        new("655", "07", "ZA", "Cell C"),
        new("204", "08", "NL", "KPN"),
        new("204", "16", "NL", "Odido (T-Mobile)"),
        new("204", "04", "NL", "Vodafone"),
        new("208", "01", "FR", "Orange"),
        new("208", "10", "FR", "SFR"),
        new("208", "20", "FR", "Bouygues Telecom"),
        new("208", "15", "FR", "Free Mobile"),
        new("214", "07", "ES", "Movistar"),
        new("214", "01", "ES", "Vodafone"),
        new("214", "03", "ES", "Orange"),
        new("222", "01", "IT", "TIM"),
        new("222", "10", "IT", "Vodafone"),
        new("222", "88", "IT", "WindTre"),
        new("234", "10", "GB", "O2"),
        new("234", "15", "GB", "Vodafone"),
        new("234", "30", "GB", "EE"),
        new("234", "20", "GB", "Three"),
        new("240", "01", "SE", "Telia"),
        new("240", "07", "SE", "Tele2"),
        new("240", "08", "SE", "Telenor"),
        new("260", "01", "PL", "Plus"),
        new("260", "02", "PL", "T-Mobile"),
        new("260", "03", "PL", "Orange"),
        new("260", "06", "PL", "Play"),
        new("262", "01", "DE", "Telekom"),
        new("262", "02", "DE", "Vodafone"),
        new("262", "03", "DE", "O2 (Telefónica)"),
        new("334", "020", "MX", "Telcel"),
        new("334", "030", "MX", "Movistar"),
        new("334", "050", "MX", "AT&T"),
        new("724", "05", "BR", "Claro"),
        new("724", "06", "BR", "Vivo"),
        new("724", "02", "BR", "TIM"),
        new("732", "101", "CO", "Claro"),
        new("732", "123", "CO", "Movistar"),
        new("732", "103", "CO", "Tigo"),
        new("502", "12", "MY", "Maxis"),
        new("502", "13", "MY", "Celcom"),
        new("502", "16", "MY", "Digi"),
        new("505", "01", "AU", "Telstra"),
        new("505", "02", "AU", "Optus"),
        new("505", "03", "AU", "Vodafone"),
        new("510", "10", "ID", "Telkomsel"),
        new("510", "01", "ID", "Indosat Ooredoo"),
        new("510", "11", "ID", "XL Axiata"),
        new("515", "02", "PH", "Globe"),
        new("515", "03", "PH", "Smart"),
        new("515", "66", "PH", "DITO"),
        new("530", "01", "NZ", "One NZ (Vodafone)"),
        new("530", "05", "NZ", "Spark"),
        new("530", "24", "NZ", "2degrees"),
        new("525", "01", "SG", "Singtel"),
        new("525", "03", "SG", "M1"),
        new("525", "05", "SG", "StarHub"),
        new("440", "10", "JP", "NTT Docomo"),
        new("440", "20", "JP", "SoftBank"),
        new("440", "50", "JP", "KDDI au"),
        new("404", "45", "IN", "Airtel (Karnataka)"),
        new("404", "10", "IN", "Airtel (Delhi)"),
        new("404", "20", "IN", "Vi (Mumbai)"),
        new("405", "874", "IN", "Jio (Mumbai)"),
        new("621", "30", "NG", "MTN"),
        new("621", "20", "NG", "Airtel"),
        new("621", "50", "NG", "Glo"),
        new("639", "02", "KE", "Safaricom"),
        new("639", "03", "KE", "Airtel"),
        new("639", "07", "KE", "Telkom"),
        new("272", "01", "IE", "Vodafone"),
        new("272", "03", "IE", "Eir"),
        new("272", "05", "IE", "Three"),
        new("454", "00", "HK", "CSL"),
        new("454", "03", "HK", "3"),
        new("454", "06", "HK", "SmarTone"),
        new("420", "01", "SA", "stc"),
        new("420", "03", "SA", "Mobily"),
        new("420", "04", "SA", "Zain"),
        new("424", "02", "AE", "e& (Etisalat)"),
        new("424", "03", "AE", "du"),
    ];

    // Canadian area codes inside NANP "+1"; every other +1 number is treated as US, which also lumps the
    // Caribbean NANP members in with the US. Good enough for reports; not a numbering authority.
    private static readonly FrozenSet<string> CanadianAreaCodes = FrozenSet.ToFrozenSet(
    [
        "204", "226", "236", "249", "250", "263", "289", "306", "343", "354", "365", "367", "368", "382", "403",
        "416", "418", "428", "431", "437", "438", "450", "474", "506", "514", "519", "548", "579", "581", "584",
        "587", "604", "613", "639", "647", "683", "705", "709", "742", "778", "780", "782", "807", "819", "825",
        "867", "873", "879", "902", "905",
    ]);

    // Every MCC the listed countries use, including ranges with no network in the list (US 312-316, IN 406...).
    private static readonly FrozenDictionary<string, string> CountryByMcc = new Dictionary<string, string>
    {
        ["310"] = "US", ["311"] = "US", ["312"] = "US", ["313"] = "US", ["314"] = "US", ["315"] = "US", ["316"] = "US",
        ["302"] = "CA", ["655"] = "ZA", ["204"] = "NL", ["208"] = "FR", ["214"] = "ES", ["222"] = "IT",
        ["234"] = "GB", ["235"] = "GB", ["240"] = "SE", ["260"] = "PL", ["262"] = "DE", ["334"] = "MX",
        ["724"] = "BR", ["732"] = "CO", ["502"] = "MY", ["505"] = "AU", ["510"] = "ID", ["515"] = "PH",
        ["530"] = "NZ", ["525"] = "SG", ["440"] = "JP", ["441"] = "JP", ["404"] = "IN", ["405"] = "IN",
        ["406"] = "IN", ["621"] = "NG", ["639"] = "KE", ["272"] = "IE", ["454"] = "HK", ["420"] = "SA",
        ["424"] = "AE", ["430"] = "AE", ["431"] = "AE",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<(int Mcc, int Mnc), MobileNetwork> NetworkByCodes =
        Networks.ToFrozenDictionary(n => (int.Parse(n.Mcc, CultureInfo.InvariantCulture), int.Parse(n.Mnc, CultureInfo.InvariantCulture)));

    private static readonly FrozenDictionary<string, Country> CountryByIso =
        Countries.ToFrozenDictionary(c => c.Iso2, StringComparer.Ordinal);

    // Longest dial codes first, so "254" (Kenya) wins over any shorter code that is a prefix of it.
    private static readonly Country[] ByDialCodeLength =
        [.. Countries.Where(c => c.Iso2 != "CA").OrderByDescending(c => c.DialCode.Length)];

    /// <summary>
    /// The country of an E.164 number written with or without "+", spaces, dashes, dots or parentheses; null when
    /// the number is empty, contains anything else, or its dial code is not in <see cref="Countries"/>.
    /// A "+1" number is Canadian when its area code is Canadian and US otherwise.
    /// </summary>
    public static Country? CountryOfNumber(string? e164Digits)
    {
        var digits = StripPunctuation(e164Digits);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var country = ByDialCodeLength.FirstOrDefault(c => digits.StartsWith(c.DialCode, StringComparison.Ordinal));
        if (country?.Iso2 == "US" && digits.Length >= 4 && CanadianAreaCodes.Contains(digits[1..4]))
        {
            return CountryByIso["CA"];
        }

        return country;
    }

    /// <summary>
    /// The operator with this MCC and MNC, or null. The MNC is compared as a number, so "10", "010" and " 10 " match
    /// the same network: callbacks and MDRs do not always pad it the same way.
    /// </summary>
    public static MobileNetwork? Network(string? mcc, string? mnc)
    {
        return TryParseCode(mcc, out var mccValue) && TryParseCode(mnc, out var mncValue)
            && NetworkByCodes.TryGetValue((mccValue, mncValue), out var network)
            ? network
            : null;
    }

    /// <summary>The ISO alpha-2 code of the country an MCC belongs to, or null when it is not one of <see cref="Countries"/>.</summary>
    public static string? CountryIsoOfMcc(string? mcc) =>
        mcc is not null && CountryByMcc.TryGetValue(mcc.Trim(), out var iso) ? iso : null;

    /// <summary>
    /// Normalises one number or sender ID the way Plivo does for <c>src</c>/<c>dst</c>: keeps ASCII letters and
    /// digits and drops everything else ("+", spaces, "-", ".", "(", ")", "/"). Phone numbers come out as digits
    /// only; alphanumeric sender IDs keep their letters. Null gives "".
    /// </summary>
    public static string NormalizeNumber(string? raw) =>
        raw is null ? "" : string.Concat(raw.Where(char.IsAsciiLetterOrDigit));

    private static bool TryParseCode(string? text, out int value)
    {
        value = 0;
        var trimmed = text?.Trim();
        return trimmed is { Length: > 0 and <= 3 }
            && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string StripPunctuation(string? raw) =>
        raw is null ? "" : string.Concat(raw.Where(c => !char.IsWhiteSpace(c) && c is not ('+' or '-' or '(' or ')' or '.')));
}
