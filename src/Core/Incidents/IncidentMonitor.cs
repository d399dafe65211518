using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Incidents;

/// <summary>
/// The detector's periodic work, off the writer's thread: once a second, stores what <see cref="IncidentDetector"/>
/// opened, counted and found quiet (through <see cref="IncidentStore"/>). At start it resumes the incidents stored open,
/// so they keep counting and close after their quiet period. One per instance; where several instances share a
/// database, their counts add up into one incident per key (ADR-012) — this is the work a shared lease would later
/// give to one instance.
/// </summary>
public sealed partial class IncidentMonitor(
    IncidentDetector detector,
    IncidentStore store,
    TimeProvider time,
    ILogger<IncidentMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Per key open here: its stored id and the counts already added to it.</summary>
    private readonly Dictionary<IncidentKey, Stored> _stored = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await FlushAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    /// <summary>Takes the incidents stored open as open in the detector.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken = default)
    {
        foreach (var incident in await store.OpenIncidentsAsync(cancellationToken))
        {
            var detected = new DetectedIncident(incident.Key, incident.StartedAt, incident.DetectedAt, incident.LastFailureAt, incident.Failures,
                incident.WastedAmount, incident.BaselinePerMinute, incident.PeakPerMinute, TimeSpan.FromSeconds(incident.SliceSeconds),
                incident.SeriesStart, incident.SeriesValues());
            detector.Resume(detected);
            _stored[incident.Key] = new Stored(incident.Id, incident.Failures, incident.WastedAmount);
        }
    }

    /// <summary>Stores what the detector found since the last call.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var changes = detector.Collect();
        foreach (var opened in changes.Opened)
        {
            await OpenAsync(opened, cancellationToken);
        }

        foreach (var updated in changes.Updated)
        {
            if (!_stored.ContainsKey(updated.Key))
            {
                // Its opening could not be stored (the database was away): store it now.
                await OpenAsync(updated, cancellationToken);
            }
            else if (!await RecordAsync(updated, cancellationToken))
            {
                // Resolved by staff or closed by another instance: count afresh.
                detector.Forget(updated.Key);
            }
        }

        foreach (var closed in changes.Closed)
        {
            if (_stored.ContainsKey(closed.Key) && await RecordAsync(closed, cancellationToken))
            {
                await store.CloseQuietAsync(_stored[closed.Key].Id, cancellationToken);
                LogClosed(logger, closed.Key.ToString(), closed.Failures);
            }

            _stored.Remove(closed.Key);
        }
    }

    private async Task OpenAsync(DetectedIncident detected, CancellationToken cancellationToken)
    {
        var id = await store.OpenAsync(detected, cancellationToken);
        _stored[detected.Key] = new Stored(id, detected.Failures, detected.WastedAmount);
        LogOpened(logger, detected.Key.ToString(), detected.Failures, detected.BaselinePerMinute);
    }

    private async Task<bool> RecordAsync(DetectedIncident detected, CancellationToken cancellationToken)
    {
        var stored = _stored[detected.Key];
        var ok = await store.RecordAsync(stored.Id, detected, detected.Failures - stored.Failures, detected.WastedAmount - stored.Wasted, cancellationToken);
        _stored[detected.Key] = stored with { Failures = detected.Failures, Wasted = detected.WastedAmount };
        if (!ok)
        {
            _stored.Remove(detected.Key);
        }

        return ok;
    }

    private readonly record struct Stored(long Id, long Failures, long Wasted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident opened: {Key} with {Failures} failures (baseline {Baseline:0.##}/min)")]
    private static partial void LogOpened(ILogger logger, string key, long failures, double baseline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Incident closed after its quiet period: {Key} with {Failures} failures")]
    private static partial void LogClosed(ILogger logger, string key, long failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing incidents failed; retrying at the next turn")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
