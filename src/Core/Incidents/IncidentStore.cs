using System.Globalization;
using Dashboard.Core.Live;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Incidents;

/// <summary>What an acknowledgement or a resolution came to: null when taken, else why not, in the form's words.</summary>
/// <param name="NoteRejected">The problem is the note's (the form may ask for it again); otherwise the incident's.</param>
public sealed record IncidentActionResult(string? Problem, bool NoteRejected = false)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// The one place incidents are written (and read for the page): opened, counted and closed by <see cref="IncidentMonitor"/>,
/// acknowledged and resolved by staff; every state change is kept as an <see cref="IncidentEvent"/> with who and when,
/// and announced on the <see cref="LiveFeed"/> (<see cref="IncidentChange"/>). Counts are added as increments and an open incident is unique by key
/// (<see cref="Incident.OpenKey"/>), so instances that share a database add up into one incident.
/// </summary>
public sealed class IncidentStore(IDbContextFactory<DashboardDb> factory, IncidentDetector detector, LiveFeed feed, TimeProvider time)
{
    /// <summary>How many ended incidents the page lists after the open ones.</summary>
    public const int RecentCount = 50;

    /// <summary>
    /// Stores a newly detected incident and its Opened event, or, when another instance already has the key open, adds
    /// this one's counts to that incident. Returns the incident's id.
    /// </summary>
    public async Task<long> OpenAsync(DetectedIncident detected, CancellationToken cancellationToken = default)
    {
        var openKey = detected.Key.ToString();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await OpenIdAsync(db, openKey, cancellationToken) is not { } existing)
        {
            var incident = new Incident
            {
                Dimension = detected.Key.Dimension, ErrorCode = detected.Key.ErrorCode, KeyValue = detected.Key.Value, OpenKey = openKey,
                State = IncidentState.Open, StartedAt = detected.StartedAt, DetectedAt = detected.DetectedAt, LastFailureAt = detected.LastFailureAt,
                Failures = detected.Failures, WastedAmount = detected.WastedAmount, BaselinePerMinute = detected.BaselinePerMinute,
                PeakPerMinute = detected.PeakPerMinute, SliceSeconds = (int)detected.Slice.TotalSeconds, SeriesStart = detected.SeriesStart,
                Series = Incident.FormatSeries(detected.Series),
                Events = [new IncidentEvent { Kind = IncidentEventKind.Opened, At = detected.DetectedAt }],
            };
            db.Add(incident);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                Announce(incident.Id, IncidentEventKind.Opened);
                return incident.Id;
            }
            catch (DbUpdateException)
            {
                // Another instance opened the same key a moment ago: count into its incident.
                db.ChangeTracker.Clear();
                existing = await OpenIdAsync(db, openKey, cancellationToken) ?? throw new InvalidOperationException($"Incident {openKey} could not be stored.");
            }
        }

        await RecordAsync(existing, detected, detected.Failures, detected.WastedAmount, cancellationToken);
        return existing;
    }

    private static Task<long?> OpenIdAsync(DashboardDb db, string openKey, CancellationToken cancellationToken) =>
        db.Set<Incident>().Where(i => i.OpenKey == openKey).Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds failures and money counted since the last call to an open incident; false when it is no longer open (resolved
    /// by staff, or closed by another instance), so the caller stops counting for it.
    /// </summary>
    public async Task<bool> RecordAsync(long id, DetectedIncident detected, long failures, long wasted, CancellationToken cancellationToken = default)
    {
        var series = Incident.FormatSeries(detected.Series);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<Incident>()
            .Where(i => i.Id == id && i.OpenKey != null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Failures, i => i.Failures + failures)
                    .SetProperty(i => i.WastedAmount, i => i.WastedAmount + wasted)
                    .SetProperty(i => i.LastFailureAt, detected.LastFailureAt)
                    .SetProperty(i => i.PeakPerMinute, i => i.PeakPerMinute < detected.PeakPerMinute ? detected.PeakPerMinute : i.PeakPerMinute)
                    .SetProperty(i => i.SeriesStart, detected.SeriesStart)
                    .SetProperty(i => i.Series, series),
                cancellationToken);
        if (updated > 0)
        {
            Announce(id, null);
        }

        return updated > 0;
    }

    /// <summary>The detector found the incident's key quiet for the quiet period: it closes by itself.</summary>
    public Task CloseQuietAsync(long id, CancellationToken cancellationToken = default) =>
        EndAsync(id, IncidentState.Closed, IncidentEventKind.ClosedQuiet, by: null, note: null, cancellationToken);

    /// <summary>Someone is on it: an open incident becomes acknowledged, with their note (required).</summary>
    public async Task<IncidentActionResult> AcknowledgeAsync(long id, string by, string? note, CancellationToken cancellationToken = default)
    {
        if (CheckNote(note, required: true) is { } problem)
        {
            return new(problem, NoteRejected: true);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is not { State: IncidentState.Open })
        {
            return new(incident is null ? "There is no such incident." : "Only an open incident can be acknowledged.");
        }

        incident.State = IncidentState.Acknowledged;
        db.Add(new IncidentEvent { IncidentId = id, Kind = IncidentEventKind.Acknowledged, At = Now, By = by, Note = note!.Trim() });
        await db.SaveChangesAsync(cancellationToken);
        Announce(id, IncidentEventKind.Acknowledged);
        return new(null);
    }

    /// <summary>
    /// Staff say it is over: the incident is resolved and its key counted afresh (a key still over the threshold opens a
    /// new incident).
    /// </summary>
    public async Task<IncidentActionResult> ResolveAsync(long id, string by, string? note, CancellationToken cancellationToken = default)
    {
        if (CheckNote(note, required: false) is { } problem)
        {
            return new(problem, NoteRejected: true);
        }

        return await EndAsync(id, IncidentState.Resolved, IncidentEventKind.Resolved, by, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), cancellationToken)
            ? new(null)
            : new("This incident has already ended.");
    }

    private async Task<bool> EndAsync(long id, IncidentState state, IncidentEventKind kind, string? by, string? note, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var incident = await db.Set<Incident>().FirstOrDefaultAsync(i => i.Id == id && i.OpenKey != null, cancellationToken);
        if (incident is null)
        {
            return false;
        }

        var now = Now;
        incident.State = state;
        incident.OpenKey = null;
        incident.EndedAt = now;
        db.Add(new IncidentEvent { IncidentId = id, Kind = kind, At = now, By = by, Note = note });
        await db.SaveChangesAsync(cancellationToken);
        detector.Forget(incident.Key);
        Announce(id, kind);
        return true;
    }

    private static string? CheckNote(string? note, bool required) =>
        required && string.IsNullOrWhiteSpace(note) ? "Write a note: what is being done, or who is on it."
        : note?.Trim().Length > Incident.MaxNote ? string.Create(CultureInfo.InvariantCulture, $"A note has at most {Incident.MaxNote:N0} characters.")
        : null;

    /// <summary>The open incidents, newest first, then the <see cref="RecentCount"/> most recently detected ended ones; with their history.</summary>
    public async Task<IReadOnlyList<Incident>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var set = db.Set<Incident>().AsNoTracking().AsSplitQuery()
            .Include(i => i.Events.OrderBy(e => e.At).ThenBy(e => e.Id))
            .Include(i => i.Deliveries.OrderBy(d => d.Id));
        var open = await set.Where(i => i.OpenKey != null).OrderByDescending(i => i.DetectedAt).ToListAsync(cancellationToken);
        var ended = await set.Where(i => i.OpenKey == null).OrderByDescending(i => i.DetectedAt).Take(RecentCount).ToListAsync(cancellationToken);
        return [.. open, .. ended];
    }

    /// <summary>One incident without its history, or null.</summary>
    public async Task<Incident?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Incident>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
    }

    /// <summary>Keeps how the webhook's post about a change ended, for the page.</summary>
    public async Task RecordDeliveryAsync(IncidentWebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        Announce(delivery.IncidentId, null);
    }

    /// <summary>The incidents open now (for the detector to resume after a start, and for the banner).</summary>
    public async Task<IReadOnlyList<Incident>> OpenIncidentsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<Incident>().AsNoTracking().Where(i => i.OpenKey != null).OrderByDescending(i => i.DetectedAt).ToListAsync(cancellationToken);
    }

    private void Announce(long id, IncidentEventKind? kind) => feed.Publish([new IncidentChange(id, kind, Now)]);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
