using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Sending;

/// <summary>
/// Sends what the compose form, the inbox or the simulator's demo traffic asks for, as a <see cref="SendCommand"/>:
/// estimates it (<see cref="ComposePreview"/>) and checks it (<see cref="SendRules"/>) once, refuses contacts who opted
/// out and free-form WhatsApp outside the customer-service window (<see cref="SendPolicy"/>), calls Plivo's Message API
/// with our status callback URL, and stores each new message as queued (<see cref="QueuedMessages"/>); at most once per
/// submission key (<see cref="SendSubmissions"/>).
/// </summary>
public sealed partial class SendService(
    IPlivoClient plivo,
    PlivoAddresses addresses,
    SendRules rules,
    SendPolicy policy,
    QueuedMessages queued,
    SendSubmissions submissions,
    ILogger<SendService> logger)
{
    /// <summary>Our configured numbers, then our Powerpacks, as the compose form offers them.</summary>
    public IReadOnlyList<ComposeSender> Senders => rules.Senders;

    /// <summary>The live figures for a form or a draft: destinations, encoding, units and cost. Never throws.</summary>
    public ComposePreview Preview(SendCommand command) => ComposePreview.Of(command);

    /// <summary>Checks a send without calling anyone: its figures and every problem (opt-outs and windows are checked when sending).</summary>
    public SendCheck Check(SendCommand command) => rules.Check(command, ComposePreview.Of(command));

    /// <summary>
    /// Checks, refuses opted-out contacts and closed WhatsApp windows, sends through Plivo and stores the queued
    /// messages; at most once per <see cref="SendCommand.SubmissionKey"/>.
    /// </summary>
    public Task<SendOutcome> SendAsync(SendCommand command, CancellationToken cancellationToken = default)
    {
        var check = Check(command);
        return SendSubmissions.IsValidKey(command.SubmissionKey)
            ? submissions.SendOnceAsync(command.SubmissionKey!, check.Preview.Cost, ct => SendNowAsync(command, check, ct), cancellationToken)
            : SendNowAsync(command, check, cancellationToken);
    }

    private async Task<SendOutcome> SendNowAsync(SendCommand command, SendCheck check, CancellationToken cancellationToken)
    {
        if (check.Request is not { } request)
        {
            return Refused(check.Errors, check.Preview);
        }

        var refused = await policy.FindRefusedAsync(command, cancellationToken);
        if (refused.Count > 0)
        {
            return Refused(new Dictionary<string, IReadOnlyList<string>> { [nameof(ComposeRequest.Destinations)] = refused }, check.Preview);
        }

        request = request with { Url = addresses.StatusCallbackUrl.ToString(), Method = "POST" };
        PlivoSendResponse response;
        try
        {
            response = await plivo.SendAsync(request, cancellationToken);
        }
        catch (PlivoApiException ex)
        {
            LogRefused(logger, ex, ex.StatusCode is { } s ? (int)s : 0, ex.PlivoError);
            var message = ex.StatusCode is null ? $"Plivo could not be reached: {ex.PlivoError}" : $"Plivo refused the message: {ex.PlivoError}";
            return Refused(new Dictionary<string, IReadOnlyList<string>> { [SendOutcome.FormError] = [message] }, check.Preview) with
            {
                // No answer at all: the message may have been queued all the same.
                Uncertain = ex.StatusCode is null,
            };
        }

        // One UUID per destination Plivo took, in the order sent, leaving out those it called invalid.
        var invalid = (response.InvalidNumber ?? []).Select(Numbering.NormalizeNumber).ToHashSet();
        var sent = check.Preview.Destinations.Where(d => !invalid.Contains(d))
            .Zip(response.MessageUuid, (to, uuid) => new SentMessage(to, uuid.Trim().ToLowerInvariant())).ToList();
        await queued.StoreAsync(request, command.Type, sent, response.ApiId, cancellationToken);
        LogSent(logger, sent.Count, PlivoNames.Of(command.Type), response.ApiId);
        return new SendOutcome(new Dictionary<string, IReadOnlyList<string>>(), sent, [.. invalid], check.Preview.Cost, response.ApiId);
    }

    private static SendOutcome Refused(IReadOnlyDictionary<string, IReadOnlyList<string>> errors, ComposePreview preview) =>
        new(errors, [], [], preview.Cost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} {Type} message(s) through Plivo (api_id {ApiId})")]
    private static partial void LogSent(ILogger logger, int count, string type, string? apiId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plivo refused a send ({Status}): {Error}")]
    private static partial void LogRefused(ILogger logger, Exception exception, int status, string error);
}
