using Dashboard.Core.Plivo;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Webhooks;

/// <summary>Says once at start-up when the webhook signature settings weaken what the webhooks accept (ADR-002).</summary>
internal sealed partial class SignatureSettingsWarning(IOptions<PlivoOptions> options, ILogger<SignatureSettingsWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.AuthToken))
        {
            LogUnchecked(logger);
        }
        else if (options.Value.AcceptSignatureV2)
        {
            LogV2Accepted(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plivo:AcceptSignatureV2 is on: webhooks signed only with V2 are accepted. "
        + "V2 signs the URL and the nonce, not the parameters, so anyone who sees one such callback can change what it says "
        + "and send it under a nonce we have not seen yet. Turn it off unless this account's callbacks carry no V3 headers.")]
    private static partial void LogV2Accepted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plivo:AuthToken is empty: webhook signatures are not checked, "
        + "so anyone who can reach /plivo/status and /plivo/inbound can write messages.")]
    private static partial void LogUnchecked(ILogger logger);
}
