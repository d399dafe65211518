using System.Net;
using Dashboard.Core.Messages;
using Dashboard.Core.Plivo;
using Dashboard.Core.Sending;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Tests.Sending;

/// <summary>One compose submission, one send: the key is claimed through the writer on a real SQLite file.</summary>
public class SendSubmissionsTests
{
    private static SendCommand Form(string key, string destination = "13125550201", string? text = "Your table is ready") =>
        new ComposeRequest { Sender = SendingHarness.OurNumber, Destinations = destination, Text = text, SubmissionKey = key }.ToCommand();

    [Fact]
    public async Task TwoConcurrentSendsWithTheSameKeyCallPlivoOnceAndGetTheSameMessages()
    {
        await using var harness = await SendingHarness.StartAsync();
        harness.Plivo.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = SendSubmissions.NewKey();

        var first = Task.Run(() => harness.Service.SendAsync(Form(key)));
        var second = Task.Run(() => harness.Service.SendAsync(Form(key)));
        await harness.Plivo.Reached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        harness.Plivo.Gate.SetResult();
        var outcomes = await Task.WhenAll(first, second);

        Assert.Single(harness.Plivo.Sent);
        Assert.All(outcomes, o => Assert.True(o.Sent));
        Assert.Equal(outcomes[0].Messages, outcomes[1].Messages);
        Assert.Single(outcomes, o => o.Repeated);
        await using var db = await harness.Db.CreateDbContextAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ToNumber == "13125550201"));
    }

    [Fact]
    public async Task SendingTheSameSubmissionAgainReturnsTheFirstResultAndSendsNothing()
    {
        await using var harness = await SendingHarness.StartAsync();
        var key = SendSubmissions.NewKey();

        var first = await harness.Service.SendAsync(Form(key, "13125550202"));
        var again = await harness.Service.SendAsync(Form(key, "13125550202"));

        Assert.Single(harness.Plivo.Sent);
        Assert.Equal(first.Messages, again.Messages);
        Assert.Equal(first.ApiId, again.ApiId);
        Assert.Equal((false, true), (first.Repeated, again.Repeated));
    }

    [Fact]
    public async Task ARestartDoesNotForgetAKey()
    {
        await using var harness = await SendingHarness.StartAsync();
        var key = SendSubmissions.NewKey();
        var first = await harness.Service.SendAsync(Form(key, "13125550203"));

        var afterRestart = await harness.Restarted().SendAsync(Form(key, "13125550203"));

        Assert.Single(harness.Plivo.Sent);
        Assert.True(afterRestart.Repeated);
        Assert.Equal(first.Messages, afterRestart.Messages);
    }

    [Fact]
    public async Task ARetryAfterPlivoDidNotAnswerSendsNothingAndSaysWhy()
    {
        await using var harness = await SendingHarness.StartAsync();
        var key = SendSubmissions.NewKey();
        harness.Plivo.Refusal = new PlivoApiException(null, "no answer within 10 s (a send may still have been queued)");
        var timedOut = await harness.Service.SendAsync(Form(key, "13125550204"));
        harness.Plivo.Refusal = null;

        var retry = await harness.Service.SendAsync(Form(key, "13125550204"));

        Assert.True(timedOut.Uncertain);
        Assert.False(retry.Sent);
        Assert.True(retry.Repeated);
        var error = Assert.Single(retry.Errors[SendOutcome.FormError]);
        Assert.Contains("whether Plivo queued it is not known (Plivo could not be reached: no answer within 10 s", error);
        Assert.Contains("message log", error);
        Assert.Empty(harness.Plivo.Sent);
    }

    [Fact]
    public async Task WhatPlivoRefusedWasNotSentSoTheSameSubmissionMayBeSentAgain()
    {
        await using var harness = await SendingHarness.StartAsync();
        var key = SendSubmissions.NewKey();
        harness.Plivo.Refusal = new PlivoApiException(HttpStatusCode.TooManyRequests, "too many requests");
        var refused = await harness.Service.SendAsync(Form(key, "13125550205"));
        harness.Plivo.Refusal = null;

        var retry = await harness.Service.SendAsync(Form(key, "13125550205"));

        Assert.False(refused.Sent);
        Assert.False(refused.Uncertain);
        Assert.True(retry.Sent);
        Assert.False(retry.Repeated);
    }

    [Fact]
    public async Task AFormRefusedByValidationKeepsItsKeyForTheCorrectedSend()
    {
        await using var harness = await SendingHarness.StartAsync();
        var key = SendSubmissions.NewKey();

        var refused = await harness.Service.SendAsync(Form(key, "13125550206", text: null));
        var corrected = await harness.Service.SendAsync(Form(key, "13125550206"));

        Assert.False(refused.Sent);
        Assert.True(corrected.Sent);
        Assert.Single(harness.Plivo.Sent);
    }

    [Fact]
    public async Task AKeyIsForgottenAfterItsRetention()
    {
        await using var inbox = await InboxHarness.CreateAsync();
        var key = SendSubmissions.NewKey();
        await inbox.Send.SendAsync(Form(key, "13125550207"));

        inbox.Advance(SendSubmission.Retention + TimeSpan.FromMinutes(1));
        var nextDay = await inbox.Send.SendAsync(Form(key, "13125550207"));

        Assert.True(nextDay.Sent);
        Assert.False(nextDay.Repeated);
        Assert.Equal(2, inbox.Plivo.Sent.Count);
        await using var db = inbox.Database.CreateDb();
        Assert.Equal(1, await db.Set<SendSubmission>().CountAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a key!")]
    [InlineData("k012345678901234567890123456789012345678901234567890123456789012345")]
    public async Task AMalformedKeyIsAClearErrorAndNothingIsSent(string key)
    {
        await using var harness = await SendingHarness.StartAsync();

        var outcome = await harness.Service.SendAsync(Form(key, "13125550208"));

        Assert.False(outcome.Sent);
        Assert.Contains("submission key", Assert.Single(outcome.Errors[SendOutcome.FormError]));
        Assert.Empty(harness.Plivo.Sent);
    }

    [Fact]
    public async Task TheWriterClaimsAKeyOnceUntilItIsForgotten()
    {
        await using var database = await TempDatabase.CreateAsync();

        var claimed = await database.Writer.ClaimSubmissionAsync("k1");
        var again = await database.Writer.ClaimSubmissionAsync("k1");
        await database.Writer.FinishSubmissionAsync("k1", state: null);
        var afterForget = await database.Writer.ClaimSubmissionAsync("k1");

        Assert.Equal([WriteOutcome.Created, WriteOutcome.Duplicate, WriteOutcome.Created], [claimed.Outcome, again.Outcome, afterForget.Outcome]);
    }
}
