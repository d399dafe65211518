using Dashboard.Core.Messages;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Messages;

public class LogPrivacyTests
{
    [Theory]
    [InlineData("true", "Your code is 1234", "14155550123")]
    [InlineData(null, "Your code is 1234", "14155550123")]
    [InlineData("false", null, "14155****23")]
    [InlineData("number_only", null, "14155550123")]
    [InlineData("content_only", "Your code is 1234", "14155****23")]
    public async Task StoredMessageHonoursTheLogOption(string? log, string? expectedText, string expectedTo)
    {
        await using var database = await TempDatabase.CreateAsync();
        var uuid = Guid.NewGuid().ToString();

        await database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = uuid, From = "14155550100", To = "14155550123", Text = "Your code is 1234", Log = log,
            Request = [new("dst", "14155550123"), new("text", "Your code is 1234")],
        });

        await using var db = database.CreateDb();
        var message = await db.Messages.SingleAsync();
        var raw = (await db.MessageEvents.SingleAsync()).RawParameters;
        Assert.Equal(expectedText, message.Text);
        Assert.Equal(expectedTo, message.ToNumber);
        Assert.Equal(expectedText is not null, raw.Contains("Your code is 1234"));
        Assert.Equal(expectedTo == "14155550123", raw.Contains("14155550123"));
    }

    [Theory]
    [InlineData("false")]
    [InlineData("number_only")]
    public async Task ATemplatesValuesAreNotKeptWhenTheTextIsNotButItsNameIs(string log)
    {
        await using var database = await TempDatabase.CreateAsync();
        const string template = """{"name":"otp_code","language":"en","components":[{"type":"body","parameters":[{"type":"text","text":"482913"}]}]}""";

        await database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = Guid.NewGuid().ToString(), From = "14155550100", To = "14155550123", Type = MessageType.WhatsApp, Log = log,
            Request = [new("dst", "14155550123"), new("type", "whatsapp"), new("template", template)],
        });

        await using var db = database.CreateDb();
        var raw = (await db.MessageEvents.SingleAsync()).RawParameters;
        Assert.DoesNotContain("482913", raw);
        Assert.Equal("Template otp_code (en)", MessageContent.TemplateOf(raw, log)?.Label);
    }

    [Fact]
    public async Task AnInteractiveMessagesContentIsNotKeptUnderLogFalse()
    {
        await using var database = await TempDatabase.CreateAsync();
        const string interactive = """{"type":"button","body":{"text":"Confirm your 3 pm appointment?"}}""";

        await database.Writer.WriteOutboundAsync(new OutboundMessage
        {
            MessageUuid = Guid.NewGuid().ToString(), From = "14155550100", To = "14155550123", Type = MessageType.WhatsApp, Log = "false",
            Request = [new("dst", "14155550123"), new("type", "whatsapp"), new("interactive", interactive)],
        });

        await using var db = database.CreateDb();
        Assert.DoesNotContain("appointment", (await db.MessageEvents.SingleAsync()).RawParameters);
    }
}
