namespace Dashboard.Core.Incidents;

/// <summary>What happened to an incident.</summary>
public enum IncidentChange
{
    Opened,

    /// <summary>More failures counted (at most once a second per incident).</summary>
    Counted,

    Acknowledged,
    Resolved,

    /// <summary>Closed by itself after its quiet period.</summary>
    Closed,

    /// <summary>The outgoing webhook's post about a change ended (delivered or failed).</summary>
    Delivery,
}

/// <summary>A change of one incident, announced after it was stored.</summary>
public sealed record IncidentNotice(long IncidentId, IncidentChange Change)
{
    /// <summary>A change of the incident's state (what the banner and the outgoing webhook tell of).</summary>
    public bool IsStateChange => Change is IncidentChange.Opened or IncidentChange.Acknowledged or IncidentChange.Resolved or IncidentChange.Closed;
}

/// <summary>
/// In-process notices of stored incident changes, for the incidents page, the banner and the outgoing webhook. Changes
/// come at most once a second per incident (<see cref="IncidentMonitor"/>) or from staff, so subscribers simply re-read.
/// </summary>
public sealed class IncidentFeed
{
    public event Action<IncidentNotice>? Changed;

    internal void Publish(IncidentNotice notice) => Changed?.Invoke(notice);
}
