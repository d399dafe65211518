using Dashboard.Core.Live;

namespace Dashboard.Core.Incidents;

/// <summary>
/// A stored change of one incident, on the <see cref="LiveFeed"/> (so it reaches every instance's pages, ADR-011): a
/// state change (<see cref="Event"/>: opened, acknowledged, resolved, closed), or, with no event, more failures counted
/// (at most once a second per incident, <see cref="IncidentMonitor"/>) or a webhook delivery kept. Subscribers re-read.
/// </summary>
/// <param name="Event">The state change that was stored as this event, or null when only counts or deliveries changed.</param>
public sealed record IncidentChange(long IncidentId, IncidentEventKind? Event, DateTime At) : LiveChange
{
    /// <summary>A change of the incident's state (what the banner and the outgoing webhook tell of).</summary>
    public bool IsStateChange => Event is not null;
}
