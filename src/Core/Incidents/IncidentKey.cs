namespace Dashboard.Core.Incidents;

/// <summary>What the failures of an incident share besides their error code.</summary>
public enum IncidentDimension
{
    /// <summary>The carrier that reported them: "mcc/mnc".</summary>
    Carrier = 1,

    /// <summary>Our number (or the Powerpack's) they were sent from.</summary>
    Sender = 2,

    /// <summary>The destination country: ISO 3166 alpha-2.</summary>
    Country = 3,
}

/// <summary>The key failures are counted and incidents opened by: an error code and one carrier, sender or country.</summary>
public sealed record IncidentKey(IncidentDimension Dimension, string ErrorCode, string Value)
{
    /// <summary>One string for the whole key, as stored while the incident is open (one open incident per key).</summary>
    public override string ToString() => $"{(int)Dimension}|{ErrorCode}|{Value}";
}

/// <summary>
/// One message that just entered a failed or undelivered state, as the writer saw it when it applied the state (after
/// the commit): what it is counted under.
/// </summary>
public readonly record struct ObservedFailure(string? ErrorCode, string? Mcc, string? Mnc, string? Sender, string? CountryIso2, long? Amount)
{
    /// <summary>The keys it counts under: one per dimension it has a value for; none without an error code.</summary>
    public IEnumerable<IncidentKey> Keys()
    {
        var code = ErrorCode?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            yield break;
        }

        if (!string.IsNullOrEmpty(Mcc) || !string.IsNullOrEmpty(Mnc))
        {
            yield return new(IncidentDimension.Carrier, code, $"{Mcc}/{Mnc}");
        }

        if (!string.IsNullOrEmpty(Sender))
        {
            yield return new(IncidentDimension.Sender, code, Sender);
        }

        if (!string.IsNullOrEmpty(CountryIso2))
        {
            yield return new(IncidentDimension.Country, code, CountryIso2);
        }
    }
}
