using Dashboard.Core.Messages;
using Dashboard.Core.Reports;

namespace Dashboard.Core.Tests.Reports;

public class LatencyHistogramTests
{
    [Fact]
    public void EdgesAreR10FromATenthOfASecondToAHundredThousandSeconds()
    {
        var edges = LatencyHistogram.UpperEdges.Select(t => TimeSpan.FromTicks(t).TotalSeconds).ToArray();

        Assert.Equal(61, edges.Length);
        Assert.Equal([0.1, 0.125, 0.16, 0.2, 0.25, 0.315, 0.4, 0.5, 0.63, 0.8, 1], edges[..11]);
        Assert.Equal([63_000, 80_000, 100_000], edges[^3..]);
        Assert.All(edges.Zip(edges.Skip(1)), pair => Assert.InRange(pair.Second / pair.First, 1.25, 1.2801));
        Assert.Equal(61, LatencyHistogram.Overflow);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1_000_000, 0)]
    [InlineData(1_000_001, 1)]
    [InlineData(10_000_000, 10)]
    [InlineData(10_000_001, 11)]
    [InlineData(864_000_000_000, 60)]
    [InlineData(1_000_000_000_000, 60)]
    [InlineData(1_000_000_000_001, 61)]
    public void ABucketHoldsTheDelaysUpToItsUpperEdge(long ticks, int bucket) =>
        Assert.Equal(bucket, LatencyHistogram.BucketOf(ticks));

    [Fact]
    public void PercentilesAreTheUpperEdgeOfTheBucketHoldingTheNearestRank()
    {
        // 10 messages: 5 in (0.8 s, 1 s], 4 in (2 s, 2.5 s], 1 above 100,000 s.
        var counts = new Dictionary<int, long> { [10] = 5, [14] = 4, [LatencyHistogram.Overflow] = 1, [20] = 0 };

        Assert.Equal(TimeSpan.FromSeconds(1), LatencyHistogram.Percentile(counts, 50));
        Assert.Equal(TimeSpan.FromSeconds(2.5), LatencyHistogram.Percentile(counts, 51));
        Assert.Equal(TimeSpan.FromSeconds(2.5), LatencyHistogram.Percentile(counts, 90));
        Assert.Equal(TimeSpan.FromSeconds(100_000), LatencyHistogram.Percentile(counts, 95));
        Assert.Null(LatencyHistogram.Percentile(new Dictionary<int, long> { [3] = 0 }, 50));
    }

    [Fact]
    public void AnInboundMessageOrOneWithoutStageTimesContributesNothing()
    {
        var queued = new DateTime(2026, 11, 14, 8, 0, 0, DateTimeKind.Utc);
        var inbound = new MessageRow { Direction = MessageDirection.Inbound, State = MessageState.Delivered, MessageTime = queued, DeliveryReportTime = queued.AddSeconds(1) };
        var queuedOnly = new MessageRow { Direction = MessageDirection.Outbound, State = MessageState.Queued, MessageTime = queued, QueuedTime = queued };
        var sentBeforeQueued = queuedOnly with { State = MessageState.Sent, SentTime = queued.AddSeconds(-1) };

        Assert.Equal(default, LatencyHistogram.Of(inbound));
        Assert.Equal(default, LatencyHistogram.Of(queuedOnly));
        Assert.Equal(default, LatencyHistogram.Of(sentBeforeQueued));
    }

    [Fact]
    public void ADeliveredMessageCountsBothDelaysFromItsQueuedTimeOrElseItsMessageTime()
    {
        var time = new DateTime(2026, 11, 14, 23, 59, 59, DateTimeKind.Utc);
        var row = new MessageRow
        {
            Direction = MessageDirection.Outbound, Type = MessageType.Sms, State = MessageState.Delivered, MessageTime = time,
            SentTime = time.AddSeconds(3), DeliveryReportTime = time.AddSeconds(7), Mcc = "310", Mnc = "410", CountryIso2 = "US", FromNumber = "14155550100",
        };

        var contribution = LatencyHistogram.Of(row);
        var queuedLater = LatencyHistogram.Of(row with { QueuedTime = time.AddSeconds(1) });

        Assert.Equal(new LatencyHistogram.Contribution(new DateOnly(2026, 11, 14), 15, 19, MessageType.Sms, "US", "310/410", "14155550100"), contribution);
        Assert.Equal((13, 18), (queuedLater.ToSent, queuedLater.ToDelivered));
        Assert.Equal([(ReportDimension.All, ""), (ReportDimension.Type, "sms"), (ReportDimension.Country, "US"), (ReportDimension.Carrier, "310/410"), (ReportDimension.Sender, "14155550100")],
            contribution.Keys());
    }
}
