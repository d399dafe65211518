using Dashboard.Core.Conversations;
using Dashboard.Core.Tests.Infrastructure;

namespace Dashboard.Core.Tests.Conversations;

public class QuickRepliesTests
{
    [Fact]
    public async Task QuickRepliesAreSavedListedByTitleEditedAndDeleted()
    {
        await using var inbox = await InboxHarness.CreateAsync();

        var thanks = await inbox.QuickReplies.SaveAsync(new(null, "  Thanks ", "Thank you for your message!"));
        await inbox.QuickReplies.SaveAsync(new(null, "Hours", "We are open 9–18, Monday to Friday."));
        var edited = await inbox.QuickReplies.SaveAsync(new(thanks.Saved!.Id, "Thanks", "Thanks, we'll get back to you shortly."));
        var listed = await inbox.QuickReplies.ListAsync();
        var deleted = await inbox.QuickReplies.DeleteAsync(thanks.Saved.Id);

        Assert.True(edited.Succeeded);
        Assert.Equal(["Hours", "Thanks"], listed.Select(q => q.Title));
        Assert.Equal("Thanks, we'll get back to you shortly.", listed[1].Text);
        Assert.True(deleted);
        Assert.Equal(["Hours"], (await inbox.QuickReplies.ListAsync()).Select(q => q.Title));
    }

    [Fact]
    public async Task TitlesAreUniqueIgnoringCase()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        await inbox.QuickReplies.SaveAsync(new(null, "Thanks", "Thank you!"));

        var duplicate = await inbox.QuickReplies.SaveAsync(new(null, "THANKS", "Cheers"));

        Assert.False(duplicate.Succeeded);
        Assert.Contains("already", duplicate.Errors[nameof(QuickReply.Title)]);
    }

    [Fact]
    public async Task EmptyOrOverlongInputIsRefusedByField()
    {
        await using var inbox = await InboxHarness.CreateAsync();

        var result = await inbox.QuickReplies.SaveAsync(new(null, new string('t', QuickReply.MaxTitle + 1), " "));

        Assert.Equal([nameof(QuickReply.Text), nameof(QuickReply.Title)], result.Errors.Keys.Order());
        Assert.Empty(await inbox.QuickReplies.ListAsync());
    }
}
