using Dashboard.Core.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Conversations;

public class ReplyPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 12, 0, 0, DateTimeKind.Utc);

    private readonly ReplyPolicy _policy = new(new FakeTimeProvider(new DateTimeOffset(Now)));

    private static readonly ReplyTemplate OrderUpdate = new() { Name = "order_update", Parameters = ["Ana", "A-1001"] };

    [Fact]
    public void FreeformIsAllowedInsideTheWindow()
    {
        var context = WhatsApp(lastInbound: Now.AddHours(-23));

        Assert.True(_policy.Check(context, ReplyDraft.Freeform("On its way!")).IsAllowed);
        Assert.True(_policy.Evaluate(context).CanSendText);
    }

    [Fact]
    public void FreeformIsRefusedOutsideTheWindow()
    {
        var context = WhatsApp(lastInbound: Now.AddHours(-24));

        var verdict = _policy.Check(context, ReplyDraft.Freeform("Are you still there?"));

        Assert.Equal(ReplyRefusal.OutsideWindow, verdict.Refusal);
        Assert.Contains("template", verdict.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void FreeformIsRefusedWhenTheContactNeverWrote()
    {
        var verdict = _policy.Check(WhatsApp(lastInbound: null), ReplyDraft.Freeform("Hello"));

        Assert.Equal(ReplyRefusal.OutsideWindow, verdict.Refusal);
    }

    [Theory]
    [InlineData(ConversationChannel.WhatsApp, -23.0, ReplyKind.Text, true)]
    [InlineData(ConversationChannel.WhatsApp, -24.0, ReplyKind.Text, false)]
    [InlineData(ConversationChannel.WhatsApp, null, ReplyKind.Text, false)]
    [InlineData(ConversationChannel.WhatsApp, null, ReplyKind.Template, true)]
    [InlineData(ConversationChannel.Sms, null, ReplyKind.Text, true)]
    public void TheWindowAloneDecidesForEverySendPath(ConversationChannel channel, double? hoursSinceInbound, ReplyKind kind, bool allowed)
    {
        var verdict = _policy.CheckWindow(channel, hoursSinceInbound is { } h ? Now.AddHours(h) : null, kind);

        Assert.Equal(allowed, verdict.IsAllowed);
        Assert.Equal(allowed ? ReplyRefusal.None : ReplyRefusal.OutsideWindow, verdict.Refusal);
    }

    [Fact]
    public void TemplateIsAllowedOutsideTheWindow()
    {
        var context = WhatsApp(lastInbound: Now.AddDays(-3));

        Assert.True(_policy.Check(context, ReplyDraft.FromTemplate(OrderUpdate)).IsAllowed);
        Assert.Equal((false, true), (_policy.Evaluate(context).CanSendText, _policy.Evaluate(context).CanSendTemplate));
    }

    [Theory]
    [InlineData("Order Update", ReplyRefusal.TemplateNameInvalid)]
    [InlineData("", ReplyRefusal.TemplateMissing)]
    public void TemplateNeedsAnApprovedLookingName(string name, ReplyRefusal expected) =>
        Assert.Equal(expected, _policy.Check(WhatsApp(null), ReplyDraft.FromTemplate(new ReplyTemplate { Name = name })).Refusal);

    [Fact]
    public void TemplateParametersMustBeFilled()
    {
        var verdict = _policy.Check(WhatsApp(null), ReplyDraft.FromTemplate(OrderUpdate with { Parameters = ["Ana", " "] }));

        Assert.Equal(ReplyRefusal.TemplateParameterEmpty, verdict.Refusal);
        Assert.Contains("{{2}}", verdict.Reason);
    }

    [Fact]
    public void TemplateParametersAreOneLineEach() =>
        Assert.Equal(ReplyRefusal.TemplateParameterInvalid,
            _policy.Check(WhatsApp(null), ReplyDraft.FromTemplate(OrderUpdate with { Parameters = ["Ana", "line 1\nline 2"] })).Refusal);

    [Fact]
    public void OptedOutContactIsRefusedTextAndTemplates()
    {
        var optOut = new OptOut { OurNumber = "14155550100", ContactNumber = "14155550123", IsOptedOut = true, Reason = "STOP", ChangedAt = Now.AddDays(-1) };
        var sms = new ReplyContext(ConversationChannel.Sms, Now, optOut);
        var whatsApp = new ReplyContext(ConversationChannel.WhatsApp, Now, optOut);

        var text = _policy.Check(sms, ReplyDraft.Freeform("Sorry to see you go"));
        var template = _policy.Check(whatsApp, ReplyDraft.FromTemplate(OrderUpdate));

        Assert.Equal(ReplyRefusal.OptedOut, text.Refusal);
        Assert.Contains("opted out (STOP", text.Reason);
        Assert.Equal(ReplyRefusal.OptedOut, template.Refusal);
        Assert.False(_policy.Evaluate(sms).CanSendAnything);
    }

    [Fact]
    public void ContactWhoOptedBackInMayBeMessaged()
    {
        var optOut = new OptOut { OurNumber = "14155550100", ContactNumber = "14155550123", IsOptedOut = false, Reason = "START" };

        Assert.True(_policy.Check(new ReplyContext(ConversationChannel.Sms, null, optOut), ReplyDraft.Freeform("Welcome back")).IsAllowed);
    }

    [Fact]
    public void SmsHasNoWindow()
    {
        var sms = new ReplyContext(ConversationChannel.Sms, null, null);

        Assert.True(_policy.Check(sms, ReplyDraft.Freeform("Hi")).IsAllowed);
        Assert.Equal(ReplyRefusal.EmptyText, _policy.Check(sms, ReplyDraft.Freeform("   ")).Refusal);
    }

    [Fact]
    public void TemplatesAreForWhatsAppOnly() =>
        Assert.False(_policy.Check(new ReplyContext(ConversationChannel.Sms, null, null), ReplyDraft.FromTemplate(OrderUpdate)).IsAllowed);

    private static ReplyContext WhatsApp(DateTime? lastInbound) => new(ConversationChannel.WhatsApp, lastInbound, null);
}
