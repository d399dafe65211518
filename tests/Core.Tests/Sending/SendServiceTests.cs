using System.Net;
using Dashboard.Core.Conversations;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Tests.Infrastructure;
using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sending;

public class SendServiceTests
{
    private static readonly SendService Offline = SendingHarness.Offline();

    private static ComposeRequest Sms(string destinations = "+1 (312) 555-0100", string text = "Hello") =>
        new() { Sender = SendingHarness.OurNumber, Destinations = destinations, Text = text };

    [Fact]
    public void AValidSmsHasNoErrors()
    {
        var errors = Offline.Check(Sms().ToCommand()).Errors;

        Assert.Empty(errors);
    }

    [Fact]
    public void MissingDestinationIsAnErrorOnDestinations()
    {
        var errors = Offline.Check(Sms(destinations: "  ").ToCommand()).Errors;

        Assert.Equal(["Enter at least one recipient."], errors[nameof(ComposeRequest.Destinations)]);
    }

    [Fact]
    public void SenderAmongTheDestinationsIsRefused()
    {
        var errors = Offline.Check(Sms(destinations: "+1 312 555 0100, +1 415 555 0100").ToCommand()).Errors;

        Assert.Equal(["A recipient cannot be the number the message is sent from."], errors[nameof(ComposeRequest.Destinations)]);
    }

    [Fact]
    public void EntriesThatAreNotNumbersAreNamed()
    {
        var errors = Offline.Check(Sms(destinations: "13125550100\ncall me\n0044").ToCommand()).Errors;

        Assert.Equal(2, errors[nameof(ComposeRequest.Destinations)].Count);
        Assert.Contains("'call me'", errors[nameof(ComposeRequest.Destinations)][0]);
        Assert.Contains("'0044'", errors[nameof(ComposeRequest.Destinations)][1]);
    }

    [Theory]
    [InlineData(1_600, false)]
    [InlineData(1_601, true)]
    public void GsmTextLongerThan1600CharactersIsTooLong(int length, bool tooLong)
    {
        var errors = Offline.Check(Sms(text: new string('a', length)).ToCommand()).Errors;

        Assert.Equal(tooLong, errors.ContainsKey(nameof(ComposeRequest.Text)));
    }

    [Fact]
    public void UnicodeTextLongerThan737CharactersIsTooLong()
    {
        var errors = Offline.Check(Sms(text: new string('я', 738)).ToCommand()).Errors;

        Assert.Equal(["The message is too long: at most 737 UCS-2 characters (it has a character outside GSM-7)."], errors[nameof(ComposeRequest.Text)]);
    }

    [Fact]
    public void MoreThanTenMediaUrlsAreRefused()
    {
        var request = Sms();
        request.Type = MessageType.Mms;
        request.MediaUrls = string.Join('\n', Enumerable.Range(1, 11).Select(i => $"https://media.example/{i}.jpg"));

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Equal(["An MMS carries at most 10 media URLs."], errors[nameof(ComposeRequest.MediaUrls)]);
    }

    [Fact]
    public void MmsOutsideNorthAmericaIsRefused()
    {
        var request = Sms(destinations: "13125550100\n447700900123");
        request.Type = MessageType.Mms;
        request.MediaUrls = "https://media.example/1.jpg";

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Equal(["MMS goes to US and Canadian numbers only: +447700900123."], errors[nameof(ComposeRequest.Destinations)]);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(10_799, false)]
    [InlineData(10_800, true)]
    public void ExpiryMustBeBetween5And10799Seconds(int seconds, bool refused)
    {
        var request = Sms();
        request.ExpirySeconds = seconds;

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Equal(refused, errors.ContainsKey(nameof(ComposeRequest.ExpirySeconds)));
    }

    [Theory]
    [InlineData(null, "Choose a sender")]
    [InlineData("15005550199", "not one of your configured numbers")]
    public void SenderMustBeOneOfOurs(string? sender, string expected)
    {
        var request = Sms();
        request.Sender = sender;

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Contains(expected, Assert.Single(errors[nameof(ComposeRequest.Sender)]));
    }

    [Fact]
    public void WhatsAppNeedsTextOrATemplate()
    {
        var request = new ComposeRequest { Sender = SendingHarness.OurNumber, Destinations = "13125550100", Type = MessageType.WhatsApp };

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Contains(nameof(ComposeRequest.Text), errors.Keys);
    }

    [Fact]
    public void BadDltCategoryIsAnErrorOnItsField()
    {
        var request = Sms(destinations: "919812345678");
        request.DltTemplateCategory = "spam";

        var errors = Offline.Check(request.ToCommand()).Errors;

        Assert.Contains(nameof(ComposeRequest.DltTemplateCategory), errors.Keys);
    }

    [Fact]
    public void CostEstimateMultipliesUnitsRateAndMessagesPerCountry()
    {
        // 200 GSM characters: 2 units. Two US numbers at 0.00550 and one UK number at 0.04000 per unit.
        var preview = Offline.Preview(Sms(destinations: "13125550101\n13125550102\n447700900123", text: new string('a', 200)).ToCommand());

        Assert.Equal(2, preview.UnitsPerMessage);
        Assert.Equal([("US", 2, 550L), ("GB", 1, 4_000L)], preview.Cost.Lines.Select(l => (l.CountryIso2!, l.Messages, l.RatePerUnit!.Value)));
        Assert.Equal("0.10200", preview.Cost.TotalText);
    }

    [Fact]
    public void WhatsAppEstimateUsesTheTemplatesCategory()
    {
        var request = new ComposeRequest
        {
            Sender = SendingHarness.OurNumber,
            Destinations = "13125550101",
            Type = MessageType.WhatsApp,
            TemplateName = "otp_verification_code",
        };

        var preview = Offline.Preview(request.ToCommand());

        Assert.Equal(RateCard.Authentication, preview.WhatsAppCategory);
        Assert.Equal("0.00135", preview.Cost.TotalText);
    }

    [Fact]
    public void PreviewCountsEncodingAndTheCharactersThatForcedUnicode()
    {
        var preview = Offline.Preview(Sms(text: "Sale 🎉 today").ToCommand());

        Assert.Equal(SmsEncodingKind.Ucs2, preview.Sms.Encoding);
        Assert.Equal(["🎉"], preview.Sms.NonGsmCharacters);
        Assert.Equal(737, preview.TextLimit);
    }

    [Fact]
    public async Task OptedOutDestinationIsRefusedWithAClearReasonAndNothingIsSent()
    {
        await using var harness = await SendingHarness.StartAsync();
        await using (var db = await harness.Db.CreateDbContextAsync())
        {
            db.OptOuts.Add(new OptOut { OurNumber = SendingHarness.OurNumber, ContactNumber = "13125550177", IsOptedOut = true, Reason = "STOP", ChangedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var outcome = await harness.Service.SendAsync(Sms(destinations: "13125550176\n+1 312 555 0177").ToCommand());

        Assert.False(outcome.Sent);
        var error = Assert.Single(outcome.Errors[nameof(ComposeRequest.Destinations)]);
        Assert.Contains("+13125550177 opted out of messages from +14155550100 (STOP", error);
        Assert.Empty(harness.Plivo.Sent);
    }

    [Fact]
    public async Task OptOutFromAnotherNumberDoesNotBlockThisOneButBlocksAPowerpack()
    {
        await using var harness = await SendingHarness.StartAsync();
        await using (var db = await harness.Db.CreateDbContextAsync())
        {
            db.OptOuts.Add(new OptOut { OurNumber = "14155550101", ContactNumber = "13125550178", IsOptedOut = true, Reason = "STOP", ChangedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var fromOtherNumber = await harness.Service.SendAsync(Sms(destinations: "13125550178").ToCommand());
        var viaPowerpack = await harness.Service.SendAsync(new ComposeRequest
        {
            Sender = ComposeSender.PowerpackPrefix + SendingHarness.Powerpack,
            Destinations = "13125550178",
            Text = "hi",
        }.ToCommand());

        Assert.True(fromOtherNumber.Sent);
        Assert.False(viaPowerpack.Sent);
    }

    [Fact]
    public async Task SentMessagesAreStoredAsQueuedWithTheCallbackUrl()
    {
        await using var harness = await SendingHarness.StartAsync();

        var outcome = await harness.Service.SendAsync(Sms(destinations: "13125550181\n447700900181", text: "Your parcel is on its way").ToCommand());

        Assert.Equal(2, outcome.Messages.Count);
        var sent = Assert.Single(harness.Plivo.Sent);
        Assert.Equal("https://ops.example.com/plivo/status", sent.Url);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("13125550181<447700900181", sent.Dst);
        await using var db = await harness.Db.CreateDbContextAsync();
        var uuids = outcome.Messages.Select(m => m.MessageUuid).ToList();
        var stored = await db.Messages.Where(m => uuids.Contains(m.MessageUuid)).OrderBy(m => m.ToNumber).ToListAsync();
        Assert.Equal(["13125550181", "447700900181"], stored.Select(m => m.ToNumber));
        Assert.All(stored, m =>
        {
            Assert.Equal(MessageState.Queued, m.State);
            Assert.Equal(MessageDirection.Outbound, m.Direction);
            Assert.Equal(SendingHarness.OurNumber, m.FromNumber);
            Assert.Equal("Your parcel is on its way", m.Text);
        });
    }

    [Fact]
    public async Task LogFalseKeepsTheTextOutOfOurStoreToo()
    {
        await using var harness = await SendingHarness.StartAsync();
        var request = Sms(destinations: "13125550182", text: "secret");
        request.Log = "false";

        var outcome = await harness.Service.SendAsync(request.ToCommand());

        await using var db = await harness.Db.CreateDbContextAsync();
        var stored = await db.Messages.SingleAsync(m => m.MessageUuid == outcome.Messages[0].MessageUuid);
        Assert.Null(stored.Text);
        Assert.Equal("false", stored.Log);
    }

    [Fact]
    public async Task APowerpackSendJoinsItsConversationOnceItsFirstCallbackNamesTheNumber()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        var powerpack = new ComposeRequest
        {
            Sender = ComposeSender.PowerpackPrefix + SendingHarness.Powerpack,
            Destinations = "13125550184",
            Text = "Your table is ready",
        };

        var outcome = await inbox.Send.SendAsync(powerpack.ToCommand());
        var uuid = outcome.Messages.Single().MessageUuid;
        var beforeCallback = await inbox.Queries.ListAsync(new InboxFilter());
        await inbox.Database.Writer.WriteStatusAsync(new StatusCallback
        {
            MessageUuid = uuid, From = InboxHarness.OtherNumber, To = "13125550184", Status = MessageState.Queued, Sequence = 1,
            PowerpackUuid = SendingHarness.Powerpack, Raw = [],
        });

        Assert.Empty(beforeCallback);
        var conversation = Assert.Single(await inbox.Queries.ListAsync(new InboxFilter()));
        Assert.Equal((InboxHarness.OtherNumber, "13125550184", "Your table is ready"), (conversation.OurNumber, conversation.ContactNumber, conversation.LastMessagePreview));
        var thread = await inbox.Queries.GetThreadAsync(conversation.Id);
        Assert.Equal((uuid, "Your table is ready"), (thread.Messages.Single().MessageUuid, thread.Messages.Single().Text));
        await using var db = inbox.Database.CreateDb();
        var stored = await db.Messages.SingleAsync(m => m.MessageUuid == uuid);
        Assert.Equal((InboxHarness.OtherNumber, SendingHarness.Powerpack), (stored.FromNumber, stored.PowerpackUuid));
    }

    [Fact]
    public async Task PlivosRefusalIsAFormErrorWithPlivosWords()
    {
        await using var harness = await SendingHarness.StartAsync();
        harness.Plivo.Refusal = new PlivoApiException(HttpStatusCode.BadRequest, "text parameter length exceeds 737 unicode characters");

        var outcome = await harness.Service.SendAsync(Sms(destinations: "13125550183").ToCommand());

        Assert.False(outcome.Sent);
        Assert.Equal(["Plivo refused the message: text parameter length exceeds 737 unicode characters"], outcome.Errors[SendOutcome.FormError]);
    }

    [Fact]
    public async Task FreeformWhatsAppToAContactWhoseWindowClosedIsRefusedAndNothingIsSent()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("447700900191", "Where is my order?", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(25));

        var outcome = await inbox.Send.SendAsync(WhatsApp("447700900191", text: "It ships today").ToCommand());

        Assert.False(outcome.Sent);
        var error = Assert.Single(outcome.Errors[nameof(ComposeRequest.Destinations)]);
        Assert.Contains("447700900191", error);
        Assert.Contains("customer-service window closed", error);
        Assert.Contains("template", error);
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task FreeformWhatsAppToAContactWhoNeverWroteIsRefused()
    {
        await using var inbox = await InboxHarness.CreateAsync();

        var outcome = await inbox.Send.SendAsync(WhatsApp("447700900192", text: "Hello").ToCommand());

        Assert.False(outcome.Sent);
        Assert.Contains("only an approved template", Assert.Single(outcome.Errors[nameof(ComposeRequest.Destinations)]));
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task OneClosedWindowAmongSeveralRecipientsRefusesTheSendAndNamesIt()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("447700900193", "Hi", MessageType.WhatsApp);

        var outcome = await inbox.Send.SendAsync(WhatsApp("447700900193\n447700900194", text: "Thanks for writing").ToCommand());

        Assert.False(outcome.Sent);
        var error = Assert.Single(outcome.Errors[nameof(ComposeRequest.Destinations)]);
        Assert.StartsWith("+447700900194:", error, StringComparison.Ordinal);
        Assert.Empty(inbox.Plivo.Sent);
    }

    [Fact]
    public async Task FreeformWhatsAppInsideTheWindowAndATemplateOutsideItAreSent()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("447700900195", "Hi", MessageType.WhatsApp);
        inbox.Advance(TimeSpan.FromHours(23));

        var inside = await inbox.Send.SendAsync(WhatsApp("447700900195", text: "How can we help?").ToCommand());
        var template = await inbox.Send.SendAsync(WhatsApp("447700900196", template: "order_update").ToCommand());

        Assert.True(inside.Sent, string.Join(" ", inside.Errors.SelectMany(e => e.Value)));
        Assert.True(template.Sent, string.Join(" ", template.Errors.SelectMany(e => e.Value)));
        Assert.Equal(["How can we help?", null], inbox.Plivo.Sent.Select(s => s.Text));
        Assert.Equal("order_update", inbox.Plivo.Sent[1].Template!.Name);
    }

    [Fact]
    public async Task TheWindowBelongsToTheNumberTheContactWroteTo()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.InboundAsync("447700900197", "Hi", MessageType.WhatsApp, to: InboxHarness.OtherNumber);

        var fromOtherNumber = await inbox.Send.SendAsync(WhatsApp("447700900197", text: "Hello again", sender: InboxHarness.OtherNumber).ToCommand());
        var fromThisNumber = await inbox.Send.SendAsync(WhatsApp("447700900197", text: "Hello again").ToCommand());

        Assert.True(fromOtherNumber.Sent);
        Assert.False(fromThisNumber.Sent);
    }

    private static ComposeRequest WhatsApp(string destinations, string? text = null, string? template = null, string sender = SendingHarness.OurNumber) =>
        new() { Sender = sender, Destinations = destinations, Type = MessageType.WhatsApp, Text = text, TemplateName = template };
}
