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
}
