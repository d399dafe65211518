using Dashboard.Components.Shared;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

public class StateBadgeTests : ComponentTestBase
{
    [Theory]
    [InlineData(MessageState.Queued, "queued", "default")]
    [InlineData(MessageState.Sent, "sent", "info")]
    [InlineData(MessageState.Delivered, "delivered", "success")]
    [InlineData(MessageState.Read, "read", "success")]
    [InlineData(MessageState.Undelivered, "undelivered", "error")]
    [InlineData(MessageState.Failed, "failed", "error")]
    [InlineData(MessageState.Received, "received", "secondary")]
    public void BadgeNamesTheStateAsPlivoDoesInItsColour(MessageState state, string name, string color)
    {
        var badge = Render<StateBadge>(p => p.Add(b => b.State, state)).Find("[data-state]");

        Assert.Equal(name, badge.TextContent.Trim());
        Assert.Equal(name, badge.GetAttribute("data-state"));
        Assert.Equal(color, badge.GetAttribute("data-color"));
    }
}
