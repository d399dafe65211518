using System.Collections.Frozen;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Sending;

/// <summary>What one unit costs to one country, in 1/100000 USD (<see cref="PlivoAmount"/>); null where not offered.</summary>
/// <param name="Sms">Outbound SMS, per unit (segment).</param>
/// <param name="Mms">Outbound MMS, per message; Plivo offers MMS to US and Canadian numbers only.</param>
/// <param name="WhatsAppMarketing">A delivered marketing template.</param>
/// <param name="WhatsAppUtility">A utility template (charged outside an open customer-service window).</param>
/// <param name="WhatsAppAuthentication">An authentication (one-time code) template.</param>
/// <param name="InboundSms">A received SMS, per unit.</param>
public sealed record CountryRates(
    long Sms,
    long? Mms,
    long WhatsAppMarketing,
    long WhatsAppUtility,
    long WhatsAppAuthentication,
    long InboundSms);

/// <summary>
/// A small, illustrative rate card by destination country and message type: the compose form's cost estimate
/// and the simulator's <c>TotalRate</c> both come from here, so the estimate and the simulated bill agree.
/// The figures are plausible, not Plivo's price list; the dashboard reports the amounts Plivo sends.
/// </summary>
public static class RateCard
{
    /// <summary>WhatsApp conversation categories (Plivo's <c>ConversationOrigin</c>).</summary>
    public const string Marketing = "marketing";
    public const string Utility = "utility";
    public const string Authentication = "authentication";
    public const string Service = "service";

    /// <summary>Countries not listed, and numbers whose country is unknown.</summary>
    public static CountryRates Default { get; } = new(5_000, null, 5_000, 1_000, 1_500, 0);

    /// <summary>Rates of the countries in <see cref="Numbering.Countries"/>.</summary>
    public static IReadOnlyDictionary<string, CountryRates> Countries { get; } = new Dictionary<string, CountryRates>
    {
        ["US"] = new(550, 2_000, 2_500, 400, 135, 550),
        ["CA"] = new(550, 2_000, 2_500, 400, 135, 550),
        ["GB"] = new(4_000, null, 5_290, 2_200, 2_000, 0),
        ["IE"] = new(6_500, null, 7_320, 2_400, 2_200, 0),
        ["DE"] = new(8_500, null, 13_650, 5_500, 7_680, 0),
        ["FR"] = new(7_000, null, 8_590, 3_000, 2_750, 0),
        ["ES"] = new(7_500, null, 6_150, 2_000, 2_190, 0),
        ["IT"] = new(7_500, null, 6_910, 3_000, 2_500, 0),
        ["NL"] = new(9_000, null, 15_970, 5_000, 5_000, 0),
        ["SE"] = new(5_500, null, 8_890, 3_500, 3_500, 0),
        ["PL"] = new(3_500, null, 3_100, 1_000, 1_000, 0),
        ["MX"] = new(3_500, null, 4_360, 100, 2_390, 0),
        ["BR"] = new(2_500, null, 6_250, 800, 315, 0),
        ["CO"] = new(800, null, 1_250, 20, 77, 0),
        ["IN"] = new(300, null, 1_070, 140, 140, 0),
        ["ID"] = new(30_000, null, 4_110, 2_500, 3_000, 0),
        ["PH"] = new(15_000, null, 4_000, 1_000, 1_500, 0),
        ["MY"] = new(3_500, null, 8_600, 1_400, 1_800, 0),
        ["SG"] = new(4_000, null, 7_860, 1_400, 2_000, 0),
        ["AU"] = new(4_500, null, 7_260, 2_000, 2_500, 0),
        ["NZ"] = new(9_000, null, 7_260, 2_000, 2_500, 0),
        ["JP"] = new(7_500, null, 7_260, 2_000, 2_500, 0),
        ["HK"] = new(5_500, null, 7_320, 2_000, 2_500, 0),
        ["ZA"] = new(2_000, null, 3_790, 760, 760, 0),
        ["NG"] = new(20_000, null, 5_160, 670, 670, 0),
        ["KE"] = new(10_000, null, 1_980, 400, 400, 0),
        ["SA"] = new(4_500, null, 4_550, 1_150, 1_150, 0),
        ["AE"] = new(5_000, null, 3_840, 1_570, 1_570, 0),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rates for a destination country (ISO alpha-2); <see cref="Default"/> when unknown.</summary>
    public static CountryRates For(string? countryIso2) =>
        countryIso2 is not null && Countries.TryGetValue(countryIso2, out var rates) ? rates : Default;

    /// <summary>
    /// What one outbound unit costs, or null when the type is not offered to that country (MMS outside the US
    /// and Canada). For WhatsApp, <paramref name="whatsAppCategory"/> decides; free-form replies in an open
    /// customer-service window (<see cref="Service"/>) are free.
    /// </summary>
    public static long? Outbound(string? countryIso2, MessageType type, string? whatsAppCategory = null)
    {
        var rates = For(countryIso2);
        return type switch
        {
            MessageType.Mms => rates.Mms,
            MessageType.WhatsApp => whatsAppCategory switch
            {
                Marketing => rates.WhatsAppMarketing,
                Utility => rates.WhatsAppUtility,
                Authentication => rates.WhatsAppAuthentication,
                _ => 0,
            },
            _ => rates.Sms,
        };
    }

    /// <summary>What one received unit costs: SMS/MMS on US and Canadian numbers are charged, WhatsApp is not.</summary>
    public static long Inbound(string? countryIso2, MessageType type) =>
        type == MessageType.WhatsApp ? 0 : For(countryIso2).InboundSms * (type == MessageType.Mms ? 2 : 1);

    /// <summary>
    /// The WhatsApp category a template most likely belongs to, from its name: Plivo's send request names the
    /// template but not its category, which Meta assigned when the template was approved. No template: a
    /// free-form message, which only goes out in a <see cref="Service"/> window.
    /// </summary>
    public static string WhatsAppCategoryOf(string? templateName)
    {
        if (string.IsNullOrWhiteSpace(templateName))
        {
            return Service;
        }

        var name = templateName.ToLowerInvariant();
        string[] authentication = ["otp", "code", "verif", "auth", "login", "2fa"];
        string[] marketing = ["promo", "offer", "sale", "discount", "newsletter", "campaign", "deal", "marketing"];
        return authentication.Any(name.Contains) ? Authentication
            : marketing.Any(name.Contains) ? Marketing
            : Utility;
    }
}
