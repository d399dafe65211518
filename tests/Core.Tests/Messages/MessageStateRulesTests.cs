using Dashboard.Core.Messages;

namespace Dashboard.Core.Tests.Messages;

public class MessageStateRulesTests
{
    [Theory]
    [InlineData(MessageState.Queued, 1, MessageState.Sent, 2, StatusVerdict.Advances)]
    [InlineData(MessageState.Sent, 2, MessageState.Delivered, 3, StatusVerdict.Advances)]
    [InlineData(MessageState.Delivered, 3, MessageState.Sent, 2, StatusVerdict.Late)]
    [InlineData(MessageState.Delivered, 3, MessageState.Sent, 9, StatusVerdict.Late)]
    [InlineData(MessageState.Delivered, 3, MessageState.Read, 4, StatusVerdict.Advances)]
    [InlineData(MessageState.Read, 4, MessageState.Delivered, 3, StatusVerdict.Late)]
    [InlineData(MessageState.Delivered, 3, MessageState.Undelivered, 4, StatusVerdict.Advances)]
    [InlineData(MessageState.Undelivered, 4, MessageState.Delivered, 3, StatusVerdict.Late)]
    [InlineData(MessageState.Queued, null, MessageState.Failed, null, StatusVerdict.Advances)]
    [InlineData(MessageState.Sent, 2, MessageState.Sent, 2, StatusVerdict.Confirms)]
    [InlineData(MessageState.Queued, null, MessageState.Sent, 2, StatusVerdict.Advances)]
    [InlineData(MessageState.Sent, 2, MessageState.Queued, 1, StatusVerdict.Late)]
    [InlineData(MessageState.Sent, null, MessageState.Queued, null, StatusVerdict.Late)]
    public void StateOnlyMovesForward(MessageState current, int? currentSequence, MessageState incoming, int? incomingSequence, StatusVerdict expected) =>
        Assert.Equal(expected, MessageStateRules.Judge(current, currentSequence, incoming, incomingSequence));

    [Theory]
    [InlineData(MessageState.Queued, null, 1)]
    [InlineData(MessageState.Sent, null, 2)]
    [InlineData(MessageState.Queued, 1, 2)]
    [InlineData(MessageState.Delivered, 3, null)]
    public void TheStateAlreadyStoredIsConfirmedNotLate(MessageState state, int? currentSequence, int? incomingSequence)
    {
        var verdict = MessageStateRules.Judge(state, currentSequence, state, incomingSequence);

        Assert.Equal(StatusVerdict.Confirms, verdict);
        Assert.True(MessageStateRules.IsApplied(verdict));
    }

    [Theory]
    [InlineData(MessageState.Queued, 2, 1)]
    [InlineData(MessageState.Delivered, 4, 3)]
    public void TheSameStateWithALowerSequenceIsLate(MessageState state, int currentSequence, int incomingSequence) =>
        Assert.Equal(StatusVerdict.Late, MessageStateRules.Judge(state, currentSequence, state, incomingSequence));

    [Theory]
    [InlineData(MessageState.Delivered, null, MessageState.Undelivered, null)]
    [InlineData(MessageState.Undelivered, 3, MessageState.Delivered, null)]
    [InlineData(MessageState.Delivered, 3, MessageState.Failed, 3)]
    public void AnotherFinalStateWithNothingToOrderThemConflictsAndTheFirstStays(
        MessageState current, int? currentSequence, MessageState incoming, int? incomingSequence)
    {
        var verdict = MessageStateRules.Judge(current, currentSequence, incoming, incomingSequence);

        Assert.Equal(StatusVerdict.Conflicts, verdict);
        Assert.False(MessageStateRules.IsApplied(verdict));
    }
}
