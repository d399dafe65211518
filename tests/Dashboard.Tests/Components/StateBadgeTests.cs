using Dashboard.Components.Shared;
using Dashboard.Core.Messages;
using Dashboard.Tests.Infrastructure;

namespace Dashboard.Tests.Components;

public class StateBadgeTests : ComponentTestBase
{
    [Theory]
    [InlineData(MessageState.Queued, "queued", "rz-badge-light")]
    [InlineData(MessageState.Sent, "sent", "rz-badge-info")]
    [InlineData(MessageState.Delivered, "delivered", "rz-badge-success")]
    [InlineData(MessageState.Read, "read", "rz-badge-success")]
    [InlineData(MessageState.Undelivered, "undelivered", "rz-badge-danger")]
    [InlineData(MessageState.Failed, "failed", "rz-badge-danger")]
    [InlineData(MessageState.Received, "received", "rz-badge-secondary")]
    public async Task BadgeNamesTheStateAsPlivoDoesInItsColour(MessageState state, string name, string style)
    {
        var page = await RenderAsync<StateBadge>(new Dictionary<string, object?> { ["State"] = state });

        var badge = page.QuerySelector(".rz-badge")!;
        Assert.Equal(name, badge.TextContent);
        Assert.Equal(name, badge.GetAttribute("data-state"));
        Assert.Contains(style, badge.ClassList);
    }
}
