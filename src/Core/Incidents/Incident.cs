using System.Globalization;

namespace Dashboard.Core.Incidents;

/// <summary>Where an incident stands. The numeric values are stored; never renumber.</summary>
public enum IncidentState
{
    /// <summary>Detected; nobody has said they are on it.</summary>
    Open = 0,

    /// <summary>Someone is on it (with a note); still counting.</summary>
    Acknowledged = 1,

    /// <summary>Staff said it is over.</summary>
    Resolved = 2,

    /// <summary>Its key stayed under the threshold for the quiet period: it stopped by itself.</summary>
    Closed = 3,
}

/// <summary>A change of an incident's state, kept with who made it and when. Stored; never renumber.</summary>
public enum IncidentEventKind
{
    Opened = 0,
    Acknowledged = 1,
    Resolved = 2,
    ClosedQuiet = 3,
}

/// <summary>The one naming of <see cref="IncidentEventKind"/> outside the database.</summary>
public static class IncidentEventKinds
{
    /// <summary>
    /// The event's name where it leaves the app and on the page's markup: the outgoing webhook's <c>event</c>, its
    /// delivery records and <c>data-event</c> ("opened", "acknowledged", "resolved", "closed").
    /// </summary>
    public static string Name(this IncidentEventKind kind) => kind switch
    {
        IncidentEventKind.Opened => "opened",
        IncidentEventKind.Acknowledged => "acknowledged",
        IncidentEventKind.Resolved => "resolved",
        _ => "closed",
    };
}

/// <summary>A spike of failures that belong together (ADR-012), as stored; written only by <see cref="IncidentStore"/>.</summary>
public sealed class Incident
{
    public const int MaxNote = 1_000;

    public long Id { get; set; }

    public IncidentDimension Dimension { get; set; }

    public required string ErrorCode { get; set; }

    /// <summary>The carrier ("mcc/mnc"), sender number or country code.</summary>
    public required string KeyValue { get; set; }

    /// <summary><see cref="IncidentKey"/> as a string while the incident is open or acknowledged, else null: unique, so
    /// two instances of the app sharing a database keep one open incident per key.</summary>
    public string? OpenKey { get; set; }

    public IncidentState State { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime DetectedAt { get; set; }

    public DateTime LastFailureAt { get; set; }

    /// <summary>When it was resolved or closed.</summary>
    public DateTime? EndedAt { get; set; }

    public long Failures { get; set; }

    /// <summary>What the failed messages cost, in 1/100000 units (Plivo charges many of them anyway).</summary>
    public long WastedAmount { get; set; }

    public double BaselinePerMinute { get; set; }

    public double PeakPerMinute { get; set; }

    /// <summary>The length of one point of <see cref="Series"/>.</summary>
    public int SliceSeconds { get; set; }

    public DateTime SeriesStart { get; set; }

    /// <summary>Failures per slice from <see cref="SeriesStart"/>, comma-separated (this instance's count).</summary>
    public string Series { get; set; } = "";

    public List<IncidentEvent> Events { get; set; } = [];

    /// <summary>What the outgoing webhook made of each change (<see cref="IncidentWebhook"/>).</summary>
    public List<IncidentWebhookDelivery> Deliveries { get; set; } = [];

    public IncidentKey Key => new(Dimension, ErrorCode, KeyValue);

    public bool IsOpen => State is IncidentState.Open or IncidentState.Acknowledged;

    public IReadOnlyList<int> SeriesValues() =>
        Series.Length == 0 ? [] : [.. Series.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

    internal static string FormatSeries(IReadOnlyList<int> series) =>
        string.Join(',', series.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>One state change of an incident: who (null for the detector) and when, with staff's note.</summary>
public sealed class IncidentEvent
{
    public long Id { get; set; }

    public long IncidentId { get; set; }

    public IncidentEventKind Kind { get; set; }

    public DateTime At { get; set; }

    /// <summary>The user's name; null when the detector made the change.</summary>
    public string? By { get; set; }

    public string? Note { get; set; }
}

/// <summary>How the outgoing webhook's post about one change of an incident ended, after its retries.</summary>
public sealed class IncidentWebhookDelivery
{
    public const int MaxError = 300;

    public long Id { get; set; }

    public long IncidentId { get; set; }

    /// <summary>The change told: opened, acknowledged, resolved or closed.</summary>
    public required string Event { get; set; }

    /// <summary>When the last attempt ended.</summary>
    public DateTime At { get; set; }

    public int Attempts { get; set; }

    public bool Delivered { get; set; }

    /// <summary>The last answer's status; null when none came.</summary>
    public int? StatusCode { get; set; }

    public string? Error { get; set; }
}
