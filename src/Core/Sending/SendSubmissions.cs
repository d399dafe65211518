using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Messages;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Sending;

/// <summary>
/// Makes each compose submission send at most once. The form makes a key when it is shown (and a new one once a form
/// that was sent is changed); a second attempt with the same key — a double click, a retry after a timeout, a second
/// click from another circuit — gets the first attempt's outcome and sends nothing. Plivo's Send Message API has no
/// idempotency key of its own (docs/plivo/send-message.md), so this is ours: the key is claimed in the database through the
/// single writer before Plivo is called, and remembered for <see cref="SendSubmission.Retention"/>, restarts included.
/// </summary>
public sealed class SendSubmissions(MessageWriter writer, IDbContextFactory<DashboardDb> dbFactory)
{
    /// <summary>The attempts under way in this process, by key, for a second attempt to wait on rather than send.</summary>
    private readonly ConcurrentDictionary<string, Task<SendOutcome>> _running = new(StringComparer.Ordinal);

    /// <summary>A fresh key for a form being shown (or reset).</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="key"/> can be a submission key: 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= SendSubmission.MaxKey } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// Runs <paramref name="send"/> for the first attempt with <paramref name="key"/> only. It is claimed first; what
    /// <paramref name="send"/> returns is recorded: sent (kept, with its result), uncertain (kept: Plivo may have queued
    /// it), or refused (forgotten: nothing went out, so the same form may be sent again). Later attempts get
    /// <see cref="SendOutcome.Repeated"/> outcomes; one whose first attempt never finished is refused as uncertain.
    /// </summary>
    /// <param name="cost">The estimate to show with an earlier attempt's result (the form is the same).</param>
    public async Task<SendOutcome> SendOnceAsync(string key, CostEstimate cost, Func<CancellationToken, Task<SendOutcome>> send,
        CancellationToken cancellationToken)
    {
        var attempt = new TaskCompletionSource<SendOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _running.GetOrAdd(key, attempt.Task);
        if (running != attempt.Task)
        {
            return (await running.WaitAsync(cancellationToken)) with { Repeated = true };
        }

        try
        {
            var outcome = await FirstAttemptAsync(key, cost, send, cancellationToken);
            attempt.SetResult(outcome);
            return outcome;
        }
        catch (Exception ex)
        {
            // The claim stays pending: whatever failed, the message may have been queued.
            attempt.SetException(ex);
            throw;
        }
        finally
        {
            _running.TryRemove(KeyValuePair.Create(key, attempt.Task));
        }
    }

    private async Task<SendOutcome> FirstAttemptAsync(string key, CostEstimate cost, Func<CancellationToken, Task<SendOutcome>> send,
        CancellationToken cancellationToken)
    {
        if ((await writer.ClaimSubmissionAsync(key, cancellationToken)).Outcome == WriteOutcome.Duplicate)
        {
            return await EarlierOutcomeAsync(key, cost, cancellationToken) ?? await FirstAttemptAsync(key, cost, send, cancellationToken);
        }

        var outcome = await send(cancellationToken);
        if (outcome.Sent)
        {
            var result = JsonSerializer.Serialize(new SubmissionResult(outcome.Messages, outcome.InvalidNumbers, outcome.ApiId));
            await writer.FinishSubmissionAsync(key, SendSubmissionState.Sent, result);
        }
        else if (outcome.Uncertain)
        {
            await writer.FinishSubmissionAsync(key, SendSubmissionState.Uncertain, error: string.Join(" ", outcome.Errors.Values.SelectMany(e => e)));
        }
        else
        {
            await writer.FinishSubmissionAsync(key, state: null);
        }

        return outcome;
    }

    /// <summary>The outcome of the earlier attempt that holds <paramref name="key"/>; null when it was forgotten meanwhile.</summary>
    private async Task<SendOutcome?> EarlierOutcomeAsync(string key, CostEstimate cost, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var earlier = await db.Set<SendSubmission>().AsNoTracking().SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier is { State: SendSubmissionState.Sent, Result: { } json } && JsonSerializer.Deserialize<SubmissionResult>(json) is { } sent)
        {
            return new SendOutcome(new Dictionary<string, IReadOnlyList<string>>(), sent.Messages, sent.InvalidNumbers, cost, sent.ApiId)
            {
                Repeated = true,
            };
        }

        var why = earlier.Error ?? "the app stopped before Plivo's answer was recorded";
        var at = earlier.CreatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var message = $"This form was already sent at {at} UTC, and whether Plivo queued it is not known ({why}). "
            + "Look for it in the message log before sending it again; to send it anyway, reload the page.";
        return new SendOutcome(new Dictionary<string, IReadOnlyList<string>> { [SendOutcome.FormError] = [message] }, [], [], cost)
        {
            Repeated = true,
            Uncertain = true,
        };
    }

    private sealed record SubmissionResult(IReadOnlyList<SentMessage> Messages, IReadOnlyList<string> InvalidNumbers, string? ApiId);
}
