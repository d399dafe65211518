using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class MessageStateRulesTests
{
    [Theory]
    [InlineData(MessageState.Queued, 1, MessageState.Sent, 2, true)]
    [InlineData(MessageState.Sent, 2, MessageState.Delivered, 3, true)]
    [InlineData(MessageState.Delivered, 3, MessageState.Sent, 2, false)]
    [InlineData(MessageState.Delivered, 3, MessageState.Sent, 9, false)]
    [InlineData(MessageState.Delivered, 3, MessageState.Read, 4, true)]
    [InlineData(MessageState.Read, 4, MessageState.Delivered, 3, false)]
    [InlineData(MessageState.Delivered, 3, MessageState.Undelivered, 4, true)]
    [InlineData(MessageState.Undelivered, 4, MessageState.Delivered, 3, false)]
    [InlineData(MessageState.Delivered, null, MessageState.Undelivered, null, false)]
    [InlineData(MessageState.Queued, null, MessageState.Failed, null, true)]
    [InlineData(MessageState.Sent, 2, MessageState.Sent, 2, false)]
    public void StateOnlyMovesForward(MessageState current, int? currentSequence, MessageState incoming, int? incomingSequence, bool expected) =>
        Assert.Equal(expected, MessageStateRules.ShouldApply(current, currentSequence, incoming, incomingSequence));
}
