using Dashboard.Core.Messages;
using Dashboard.Core.Simulator;

namespace Dashboard.Core.Tests.Simulator;

public class CarrierModelTests
{
    private static readonly SimulatorOptions Options = new();

    private static PlanInput Sms(string to = "447700900123", string? country = "GB") =>
        new(MessageType.Sms, "14155550100", to, country, null, false, false, 0);

    [Fact]
    public void TheSameSeedTellsTheSameStory()
    {
        var first = CarrierModel.Plan(new Random(42), Sms(), Options);
        var second = CarrierModel.Plan(new Random(42), Sms(), Options);

        Assert.Equal(first with { DuplicateSequences = second.DuplicateSequences, DroppedSequences = second.DroppedSequences }, second);
        Assert.True(first.DuplicateSequences.SetEquals(second.DuplicateSequences));
        Assert.True(first.DroppedSequences.SetEquals(second.DroppedSequences));
    }

    [Fact]
    public void DroppedCallbacksFollowTheConfiguredRateAndNoneByDefault()
    {
        var dropping = new SimulatorOptions { DropCallbackRate = 0.2 };
        var plans = Enumerable.Range(0, 2_000).Select(i => CarrierModel.Plan(new Random(i), Sms(), dropping)).ToList();
        var callbacks = plans.Sum(p => p.Outcome is SimulatedOutcome.Failed or SimulatedOutcome.SentOnly ? 2 : p.WillBeRead ? 4 : 3);

        Assert.InRange(plans.Sum(p => p.DroppedSequences.Count) / (double)callbacks, 0.17, 0.23);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Empty(CarrierModel.Plan(new Random(i), Sms(), Options).DroppedSequences));
        // Drawing drops comes last, so the rest of a seed's story is the same with or without them.
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(
            CarrierModel.Plan(new Random(i), Sms(), Options).Outcome, CarrierModel.Plan(new Random(i), Sms(), dropping).Outcome));
    }

    [Fact]
    public void MostMessagesAreDeliveredAndFailuresCarryKnownCodes()
    {
        var plans = Enumerable.Range(0, 5_000).Select(i => CarrierModel.Plan(new Random(i), Sms(), Options)).ToList();

        var delivered = plans.Count(p => p.Outcome == SimulatedOutcome.Delivered) / (double)plans.Count;
        Assert.InRange(delivered, 0.85, 0.97);
        Assert.Contains(plans, p => p.Outcome == SimulatedOutcome.Undelivered);
        Assert.Contains(plans, p => p.Outcome == SimulatedOutcome.Failed);
        Assert.Contains(plans, p => p.Outcome == SimulatedOutcome.SentOnly);
        var known = PlivoErrorCodes.All.Select(e => e.Code).ToHashSet();
        Assert.All(plans.Where(p => p.Outcome is SimulatedOutcome.Failed or SimulatedOutcome.Undelivered), p => Assert.Contains(p.ErrorCode!, known));
        Assert.All(plans.Where(p => p.Outcome is SimulatedOutcome.Delivered or SimulatedOutcome.SentOnly), p => Assert.Null(p.ErrorCode));
    }

    [Fact]
    public void AnOptedOutRecipientFailsWith200AndABarredCountryWith450()
    {
        var optedOut = CarrierModel.Plan(new Random(1), Sms() with { OptedOut = true }, Options);
        var barred = CarrierModel.Plan(new Random(1), Sms() with { CountryBarred = true }, Options);

        Assert.Equal((SimulatedOutcome.Failed, "200"), (optedOut.Outcome, optedOut.ErrorCode));
        Assert.Equal((SimulatedOutcome.Failed, "450"), (barred.Outcome, barred.ErrorCode));
    }

    [Fact]
    public void UsTollFreeToCanadaFailsWith201()
    {
        var plan = CarrierModel.Plan(new Random(1), Sms("14165550123", "CA") with { From = "18005550100" }, Options);

        Assert.Equal("201", plan.ErrorCode);
    }

    [Fact]
    public void AMessageThatWaitsLongerThanItsExpiryFailsWith420()
    {
        var plans = Enumerable.Range(0, 3_000).Select(i => CarrierModel.Plan(new Random(i), Sms() with { MessageExpirySeconds = 5 }, Options)).ToList();

        var waitedTooLong = plans.Where(p => (p.Queue + p.Dispatch).TotalSeconds > 5).ToList();
        Assert.NotEmpty(waitedTooLong);
        Assert.All(waitedTooLong, p => Assert.Equal("420", p.ErrorCode));
    }

    [Fact]
    public void FastModeShrinksEveryDelayToMilliseconds()
    {
        var fast = new SimulatorOptions { Speed = SimulatorSpeed.Fast };

        var plans = Enumerable.Range(0, 500).Select(i => CarrierModel.Plan(new Random(i), Sms(), fast)).ToList();

        Assert.All(plans, p => Assert.True(p.Queue + p.Dispatch + p.Receipt + p.Read < TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void OnlyWhatsAppMessagesAreRead()
    {
        var sms = Enumerable.Range(0, 500).Select(i => CarrierModel.Plan(new Random(i), Sms(), Options));
        var whatsApp = Enumerable.Range(0, 500).Select(i => CarrierModel.Plan(new Random(i), Sms() with { Type = MessageType.WhatsApp }, Options)).ToList();

        Assert.DoesNotContain(sms, p => p.WillBeRead);
        Assert.Contains(whatsApp, p => p.WillBeRead);
    }

    [Fact]
    public void ANumberAlwaysLandsOnTheSameNetworkOfItsCountry()
    {
        var first = CarrierModel.NetworkOf("447700900123", "GB");
        var again = CarrierModel.NetworkOf("447700900123", "GB");

        Assert.Equal(first, again);
        Assert.Equal("234", first.Network!.Mcc);
        Assert.Null(CarrierModel.NetworkOf("999123456789", null).Network);
    }
}
