using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Replay;

/// <summary>
/// Callback replay (ADR-013): sends stored or imported status callbacks back through the same path a webhook takes
/// (<see cref="WebhookParser"/>, then the single <see cref="MessageWriter"/>), without the signature check (stored ones
/// were verified when they came; a file is an admin's upload). <see cref="PreviewAsync"/> says what a replay would do by
/// the writer's own rule (<see cref="MessageStateRules.IsAppliedOnReplay"/>) against the stored states, writing nothing;
/// <see cref="ReplayAsync"/> does it, <see cref="ReplayOptions.BatchSize"/> callbacks at a time, and records it.
/// </summary>
public sealed class CallbackReplay(IDbContextFactory<DashboardDb> factory, MessageWriter writer, IOptions<ReplayOptions> options, TimeProvider time)
{
    /// <summary>How many past replays the page lists.</summary>
    public const int RecentCount = 50;

    /// <summary>Stored events are read this many at a time, in the order the writer took them.</summary>
    private const int PageSize = 1_000;

    private int _running;

    public Task<ReplayReport> PreviewAsync(ReplaySource source, CancellationToken cancellationToken = default) =>
        RunAsync(source, write: false, cancellationToken);

    /// <summary>Replays <paramref name="source"/> and records it as run by <paramref name="by"/>; one replay at a time.</summary>
    public async Task<ReplayReport> ReplayAsync(ReplaySource source, string by, CancellationToken cancellationToken = default)
    {
        if (source is StoredCallbacks { Problem: { } problem })
        {
            return new ReplayReport { Problem = problem };
        }

        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return new ReplayReport { Problem = "Another replay is running; try again when it has finished." };
        }

        try
        {
            var run = new ReplayRun { By = by, StartedAt = time.GetUtcNow().UtcDateTime, Source = Shorten(source.Description) };
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                db.Add(run);
                await db.SaveChangesAsync(cancellationToken);
            }

            // Once started the replay runs to its end, whether or not the page that asked still waits.
            var report = await RunAsync(source, write: true, CancellationToken.None);
            await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
            {
                db.Attach(run);
                (run.FinishedAt, run.Read, run.Changed, run.Created, run.Unchanged, run.Rejected) =
                    (time.GetUtcNow().UtcDateTime, report.Read, report.Changed, report.Created, report.Unchanged, report.Rejected);
                await db.SaveChangesAsync(CancellationToken.None);
            }

            return report;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>The latest replays, newest first.</summary>
    public async Task<IReadOnlyList<ReplayRun>> RecentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<ReplayRun>().AsNoTracking().OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
            .Take(RecentCount).ToListAsync(cancellationToken);
    }

    private async Task<ReplayReport> RunAsync(ReplaySource source, bool write, CancellationToken cancellationToken)
    {
        if (source is StoredCallbacks { Problem: { } problem })
        {
            return new ReplayReport { Problem = problem };
        }

        var tally = new ReplayTally();
        var chunk = new List<StatusCallback>(options.Value.BatchSize);
        await foreach (var (where, parameters, receivedAt, unreadable) in ReadAsync(source, cancellationToken))
        {
            tally.Read++;
            if (unreadable is not null)
            {
                tally.Reject(where, unreadable);
                continue;
            }

            // The times in a callback are checked against when it arrived, as they were then.
            var parsed = WebhookParser.ParseStatus(parameters!, receivedAt);
            if (!parsed.IsValid)
            {
                tally.Reject(where, WebhookFieldError.Describe(parsed.Errors));
                continue;
            }

            chunk.Add(parsed.Value!);
            if (chunk.Count == options.Value.BatchSize)
            {
                await FlushAsync(tally, chunk, write, cancellationToken);
            }
        }

        await FlushAsync(tally, chunk, write, cancellationToken);
        return tally.Report(preview: !write);
    }

    /// <summary>
    /// Learns the stored state of the chunk's messages not seen yet, then judges (preview) or writes (replay) its callbacks
    /// in order. A replay awaits the chunk's commits before the next, so it never holds more of the writer's queue.
    /// </summary>
    private async Task FlushAsync(ReplayTally tally, List<StatusCallback> chunk, bool write, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        var unseen = chunk.Select(c => c.MessageUuid).Where(u => !tally.Knows(u)).Distinct(StringComparer.Ordinal).ToList();
        if (unseen.Count > 0)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var stored = await db.Messages.AsNoTracking().Where(m => unseen.Contains(m.MessageUuid))
                .Select(m => new { m.MessageUuid, m.State, m.LastSequence }).ToListAsync(cancellationToken);
            var found = stored.ToDictionary(m => m.MessageUuid, m => (m.State, m.LastSequence), StringComparer.Ordinal);
            foreach (var uuid in unseen)
            {
                tally.Learn(uuid, found.TryGetValue(uuid, out var s) ? s : null);
            }
        }

        if (write)
        {
            var results = await Task.WhenAll(chunk.Select(c => writer.WriteReplayedAsync(c, CancellationToken.None)));
            for (var i = 0; i < chunk.Count; i++)
            {
                tally.Written(chunk[i].MessageUuid, results[i]);
            }
        }
        else
        {
            chunk.ForEach(tally.Judge);
        }

        chunk.Clear();
    }

    private async IAsyncEnumerable<(string Where, IReadOnlyList<KeyValuePair<string, string>>? Parameters, DateTime ReceivedAt, string? Problem)> ReadAsync(
        ReplaySource source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (source is ImportedCallbacks imported)
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var line in imported.File.Lines())
            {
                yield return ($"line {line.LineNumber}", line.Parameters, now, line.Problem);
            }

            yield break;
        }

        var filter = (StoredCallbacks)source;
        var uuid = filter.MessageUuid?.Trim();
        var after = 0L;
        long last;
        long? messageId = null;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // What is stored when the replay starts, not the events the replay itself adds (nor webhooks meanwhile).
            last = await db.MessageEvents.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
            if (!string.IsNullOrEmpty(uuid))
            {
                // Looked up once, not per page; an unknown message matches no event.
                messageId = await db.Messages.Where(m => m.MessageUuid == uuid).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken) ?? -1;
            }
        }

        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var events = db.MessageEvents.AsNoTracking()
                .Where(e => e.Id > after && e.Id <= last && (e.Kind == MessageEventKind.StatusCallback || e.Kind == MessageEventKind.Replayed));
            if (messageId is { } id)
            {
                events = events.Where(e => e.MessageId == id);
            }

            if (filter.From is { } from)
            {
                events = events.Where(e => e.ReceivedAt >= from);
            }

            if (filter.To is { } to)
            {
                events = events.Where(e => e.ReceivedAt < to);
            }

            if (filter.Status is { } status)
            {
                events = events.Where(e => e.State == status);
            }

            var page = await events.OrderBy(e => e.Id).Take(PageSize)
                .Select(e => new { e.Id, e.ReceivedAt, e.RawParameters }).ToListAsync(cancellationToken);
            foreach (var e in page)
            {
                IReadOnlyList<KeyValuePair<string, string>>? parameters = null;
                string? problem = null;
                try
                {
                    parameters = RawJson.Deserialize(e.RawParameters);
                }
                catch (System.Text.Json.JsonException)
                {
                    problem = "Its stored parameters are not a JSON object.";
                }

                yield return ($"event {e.Id}", parameters, e.ReceivedAt, problem);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private static string Shorten(string text) => text.Length <= ReplayRun.MaxDescription ? text : text[..(ReplayRun.MaxDescription - 1)] + "…";
}
