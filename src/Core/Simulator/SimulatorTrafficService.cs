using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Simulator;

/// <summary>
/// Keeps the demo alive: sends made-up messages through the real send service, Plivo client and HTTP (to the
/// simulator, which calls back), and has the simulator's <see cref="InboundTraffic"/> make up inbound messages, each at its configured rate
/// with random (exponential) gaps. Starts once the app listens; does nothing when the simulator is off. It also starts the
/// <see cref="StagedOutages"/> and, while one is under way, sends the campaign through the carrier or number that is down.
/// </summary>
public sealed partial class SimulatorTrafficService(
    PlivoSimulator simulator,
    InboundTraffic inbound,
    SimulatorContacts contacts,
    StagedOutages outages,
    PlivoAddresses addresses,
    IServiceScopeFactory scopes,
    IOptionsMonitor<SimulatorOptions> options,
    IOptionsMonitor<PlivoOptions> plivo,
    Leadership leadership,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<SimulatorTrafficService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!simulator.Enabled)
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        // One demo for all instances: the one holding the lease makes the traffic (ADR-011).
        await leadership.RunWhileLeaderAsync(RunTrafficAsync, stoppingToken);
    }

    private int _announced = -1;

    private Task RunTrafficAsync(CancellationToken stoppingToken)
    {
        var o = options.CurrentValue;
        LogRunning(logger, addresses.ApiBase, o.Speed, o.DemoSendsPerMinute, o.InboundPerMinute);
        // Outages are part of the demo traffic: with no demo sends there is nothing for them to break.
        var staging = o.Outages && o.DemoSendsPerMinute > 0;
        if (staging)
        {
            outages.Begin();
        }

        return Task.WhenAll(
            EveryAsync(o.DemoSendsPerMinute, o.Seed + 1, SendDemoAsync, stoppingToken),
            EveryAsync(o.InboundPerMinute, o.Seed + 2, (_, ct) => inbound.SendInboundAsync(null, null, ct), stoppingToken),
            EveryAsync(staging ? o.OutageSendsPerMinute : 0, o.Seed + 3, SendOutageCampaignAsync, stoppingToken));
    }

    /// <summary>Runs <paramref name="work"/> at <paramref name="perMinute"/> on average; the first run comes within seconds.</summary>
    private async Task EveryAsync(double perMinute, int seed, Func<Random, CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        if (perMinute <= 0)
        {
            return;
        }

        var rng = new Random(seed);
        var mean = 60.0 / perMinute;
        var wait = TimeSpan.FromSeconds(Math.Min(mean, 1.0 + rng.NextDouble() * 2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stoppingToken);
                await work(rng, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTrafficFailed(logger, ex);
            }

            // Exponential gaps (a Poisson stream), capped so a demo never goes quiet for long.
            wait = TimeSpan.FromSeconds(Math.Min(-Math.Log(1 - rng.NextDouble()) * mean, mean * 5));
        }
    }

    private async Task SendDemoAsync(Random rng, CancellationToken cancellationToken)
    {
        if (DemoRequest(rng) is { } request)
        {
            await SendAsync(request, cancellationToken);
        }
    }

    private async Task SendAsync(SendCommand request, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SendService>().SendAsync(request, cancellationToken);
        if (!outcome.Sent)
        {
            LogDemoRefused(logger, string.Join(" ", outcome.Errors.SelectMany(e => e.Value)));
        }
    }

    /// <summary>While an outage is under way, one SMS of the campaign that runs into it.</summary>
    private async Task SendOutageCampaignAsync(Random rng, CancellationToken cancellationToken)
    {
        if (outages.Current is not { } outage)
        {
            return;
        }

        if (Interlocked.Exchange(ref _announced, outage.Number) != outage.Number)
        {
            LogOutage(logger, outage.ToString(), outage.ErrorCode, outage.End);
        }

        if (OutageRequest(rng, outage) is { } request)
        {
            await SendAsync(request, cancellationToken);
        }
    }

    /// <summary>
    /// One campaign SMS into <paramref name="outage"/>: from the number that is down, or to a subscriber of the carrier
    /// that is, from any of our numbers (not always the same one: the incident is the carrier's, not a sender's).
    /// </summary>
    internal SendCommand? OutageRequest(Random rng, StagedOutage outage)
    {
        var numbers = plivo.CurrentValue.PhoneNumbers();
        var recipients = outages.Recipients(outage);
        if (numbers.Count == 0 || recipients.Count == 0)
        {
            return null;
        }

        return new SendCommand
        {
            From = SendSender.FromNumber(outage.Sender ?? DemoContent.Pick(rng, numbers)),
            To = SendDestinations.Parse(DemoContent.Pick(rng, recipients)),
            Type = MessageType.Sms,
            Content = new SendContent { Text = DemoContent.SmsText(rng) },
        };
    }

    /// <summary>A plausible business send: mostly single SMS, some campaigns, MMS to North America, WhatsApp templates.</summary>
    internal SendCommand? DemoRequest(Random rng)
    {
        var numbers = plivo.CurrentValue.PhoneNumbers();
        if (numbers.Count == 0)
        {
            return null;
        }

        var customers = contacts.Customers;
        var roll = rng.NextDouble();
        var type = roll < 0.72 ? MessageType.Sms : roll < 0.80 ? MessageType.Mms : MessageType.WhatsApp;
        var first = type == MessageType.Mms
            ? DemoContent.Pick(rng, customers.Where(c => Numbering.CountryOfNumber(c)?.Iso2 is "US" or "CA").ToList())
            : DemoContent.Pick(rng, customers);
        var country = Numbering.CountryOfNumber(first)?.Iso2;
        var destinations = new List<string> { first };
        if (type == MessageType.Sms && rng.NextDouble() < 0.08)
        {
            // A small campaign to several contacts of one country.
            destinations.AddRange(customers.Where(c => c != first && Numbering.CountryOfNumber(c)?.Iso2 == country).Take(rng.Next(2, 10)));
        }

        var local = numbers.FirstOrDefault(n => Numbering.CountryOfNumber(n)?.Iso2 == country && country != "US");
        var powerpacks = plivo.CurrentValue.Powerpacks;
        var sender = type == MessageType.WhatsApp ? SendSender.FromNumber(numbers[0])
            : local is not null ? SendSender.FromNumber(local)
            : powerpacks.Count > 0 && rng.NextDouble() < 0.15 ? SendSender.FromPowerpack(powerpacks[0].Trim())
            : SendSender.FromNumber(DemoContent.Pick(rng, numbers));
        var command = new SendCommand
        {
            From = sender,
            To = SendDestinations.Parse(string.Join('\n', destinations)),
            Type = type,
            ExpirySeconds = rng.NextDouble() < 0.05 ? rng.Next(5, 120) : null,
            Log = rng.NextDouble() < 0.03 ? "false" : "true",
        };
        switch (type)
        {
            case MessageType.Sms:
                var text = DemoContent.SmsText(rng);
                return command with
                {
                    Content = new SendContent { Text = text },
                    Trackable = text.Contains("code", StringComparison.Ordinal),
                    DltEntityId = country == "IN" ? "1201159100000000001" : null,
                    DltTemplateId = country == "IN" ? "1207161234567890123" : null,
                    DltTemplateCategory = country == "IN" ? "transactional" : null,
                };
            case MessageType.Mms:
                return command with
                {
                    Content = new SendContent
                    {
                        Text = DemoContent.SmsText(rng),
                        MediaUrls = [.. Enumerable.Range(1, rng.Next(1, 3))
                            .Select(i => new Uri(addresses.SimulatorMediaBase, $"promo-{rng.Next(1, 50)}-{i}.svg").ToString())],
                    },
                };
            default:
                // Free-form only to someone who wrote in the last 24 hours, as WhatsApp allows; a template to anyone.
                var open = contacts.WithOpenWindow(sender.Number!);
                if (rng.NextDouble() < 0.65 || open.Count == 0)
                {
                    var (name, language, parameters) = DemoContent.Pick(rng, DemoContent.WhatsAppTemplates);
                    var template = new ReplyTemplate { Name = name, Language = language, Parameters = DemoContent.TemplateParameters(rng, parameters) };
                    return command with { Content = new SendContent { Template = template } };
                }

                return command with
                {
                    To = SendDestinations.Parse(DemoContent.Pick(rng, open)),
                    Content = new SendContent { Text = DemoContent.Pick(rng, DemoContent.WhatsAppFreeform) },
                };
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Plivo simulator running at {ApiBase} ({Speed}): {SendsPerMinute} demo sends and {InboundPerMinute} inbound messages a minute")]
    private static partial void LogRunning(ILogger logger, Uri apiBase, SimulatorSpeed speed, double sendsPerMinute, double inboundPerMinute);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator: staged outage of {Target} under way, failing most messages with {ErrorCode} until {End:HH:mm:ss} UTC")]
    private static partial void LogOutage(ILogger logger, string target, string errorCode, DateTime end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated traffic failed")]
    private static partial void LogTrafficFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A demo send was refused: {Reason}")]
    private static partial void LogDemoRefused(ILogger logger, string reason);
}
