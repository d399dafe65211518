using System.Globalization;

namespace Dashboard.Core.Messages;

/// <summary>
/// Money as Plivo quotes it: decimal strings with five decimals ("0.00140").
/// Stored as whole 1/100000 units of the currency so SQLite sums and sorts them exactly.
/// </summary>
public static class PlivoAmount
{
    /// <summary>How many stored units make one currency unit.</summary>
    public const long Scale = 100_000;

    /// <summary>Parses Plivo's decimal string into 1/100000 units; rounds half away from zero past five decimals.</summary>
    public static bool TryParse(string? text, out long units)
    {
        units = 0;
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value > long.MaxValue / Scale || value < long.MinValue / Scale)
        {
            return false;
        }

        units = (long)Math.Round(value * Scale, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>Formats 1/100000 units back the way Plivo writes them: "0.00140".</summary>
    public static string Format(long units) =>
        (units / (decimal)Scale).ToString("0.00000", CultureInfo.InvariantCulture);

    /// <summary>Formats a nullable amount; a missing amount is Plivo's zero, "0.00000".</summary>
    public static string Format(long? units) => Format(units ?? 0);

    /// <summary>The amount as a decimal, for display and arithmetic outside SQL.</summary>
    public static decimal ToDecimal(long units) => units / (decimal)Scale;
}
