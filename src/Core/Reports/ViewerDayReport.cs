using Dashboard.Core.Messages;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Reports;

/// <summary>What the overview's charts group messages by: the state each message is in now.</summary>
public enum Outcome
{
    Delivered,
    Awaiting,
    Undelivered,
    Failed,
    Received,
}

/// <summary>New messages of one UTC minute, counted by the <see cref="Outcome"/> each is in now.</summary>
/// <param name="Counts">One count per <see cref="Outcome"/>, indexed by its value.</param>
public sealed record OutcomeMinute(DateTime Minute, IReadOnlyList<long> Counts);

/// <summary>Outbound messages of one hour that have a final outcome, and how many of them were delivered.</summary>
public sealed record HourRate(DateTime HourUtc, long Delivered, long Finals)
{
    /// <summary>Delivered ÷ final outcomes; null when the hour has none (as <see cref="TrafficSummary.DeliveryRate"/>).</summary>
    public double? Rate => Finals > 0 ? (double)Delivered / Finals : null;
}

public sealed partial class ReportQueries
{
    /// <summary>Delivered (WhatsApp read too), undelivered, failed (rejected too), still on its way, or inbound.</summary>
    public static Outcome OutcomeOf(MessageDirection direction, MessageState state) => direction == MessageDirection.Inbound ? Outcome.Received : state switch
    {
        MessageState.Delivered or MessageState.Read => Outcome.Delivered,
        MessageState.Undelivered => Outcome.Undelivered,
        MessageState.Failed or MessageState.Rejected => Outcome.Failed,
        MessageState.Received => Outcome.Received,
        _ => Outcome.Awaiting,
    };

    /// <summary>
    /// New messages per UTC minute from <paramref name="sinceUtc"/> to now by the outcome each has now, every minute
    /// present. One range of the MessageTime index (inbound messages are stored as delivered, so the direction, which
    /// no index holds, is read too): meant for the last hour, re-read every few seconds at most.
    /// </summary>
    public async Task<IReadOnlyList<OutcomeMinute>> GetOutcomesPerMinuteAsync(DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        var start = ThroughputPoint.MinuteOf(sinceUtc);
        var end = ThroughputPoint.MinuteOf(time.GetUtcNow().UtcDateTime);
        var counts = new Dictionary<long, long[]>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var command = await CommandAsync(db, $"""
                SELECT "Direction", "State", "MessageTime" / @tpm, COUNT(*) FROM "Messages" WHERE "MessageTime" >= @since GROUP BY 1, 2, 3
                """, cancellationToken, ("@tpm", TimeSpan.TicksPerMinute), ("@since", UtcDateTimeConverter.ToDb(start)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var minute = reader.GetInt64(2);
                counts.TryAdd(minute, new long[Enum.GetValues<Outcome>().Length]);
                counts[minute][(int)OutcomeOf((MessageDirection)reader.GetInt32(0), (MessageState)reader.GetInt32(1))] += reader.GetInt64(3);
            }
        }

        var points = new List<OutcomeMinute>();
        for (var minute = start; minute <= end; minute = minute.AddMinutes(1))
        {
            points.Add(new OutcomeMinute(minute, counts.GetValueOrDefault(minute.Ticks / TimeSpan.TicksPerMinute) ?? new long[Enum.GetValues<Outcome>().Length]));
        }

        return points;
    }

    /// <summary>
    /// Delivery rate per hour of outbound messages (by MessageTime) from <paramref name="startUtc"/> for
    /// <paramref name="hours"/> hours, hours counted from the start (the viewer's midnight, so they are the viewer's
    /// hours). Reads the (State, MessageTime) index for the final states (and each row's direction).
    /// </summary>
    public async Task<IReadOnlyList<HourRate>> GetDeliveryRatePerHourAsync(DateTime startUtc, int hours, CancellationToken cancellationToken = default)
    {
        MessageState[] finals = [MessageState.Delivered, MessageState.Read, MessageState.Undelivered, MessageState.Failed, MessageState.Rejected];
        var delivered = new long[hours];
        var total = new long[hours];
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await using var command = await CommandAsync(db, $"""
                SELECT "State", ("MessageTime" - @start) / @tph, COUNT(*) FROM "Messages"
                WHERE "State" IN ({string.Join(", ", finals.Select(s => (int)s))}) AND "MessageTime" >= @start AND "MessageTime" < @end
                  AND "Direction" = {(int)MessageDirection.Outbound}
                GROUP BY 1, 2
                """, cancellationToken, ("@tph", TimeSpan.TicksPerHour), ("@start", UtcDateTimeConverter.ToDb(startUtc)),
                ("@end", UtcDateTimeConverter.ToDb(startUtc.AddHours(hours))));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hour = (int)reader.GetInt64(1);
                total[hour] += reader.GetInt64(2);
                if (OutcomeOf(MessageDirection.Outbound, (MessageState)reader.GetInt32(0)) == Outcome.Delivered)
                {
                    delivered[hour] += reader.GetInt64(2);
                }
            }
        }

        return [.. Enumerable.Range(0, hours).Select(h => new HourRate(startUtc.AddHours(h), delivered[h], total[h]))];
    }

    /// <summary>
    /// The overview's counts for a span that is not whole UTC days (the viewer's today): the rollup of the UTC days
    /// it overlaps, corrected at each partial day by message rows — either the part of the day inside the span is
    /// read (and the day's rollup left out) or the part outside it is read and taken off, whichever holds less of the
    /// past. At most half a day of rows, usually only the zone's offset; nothing for a part that lies in the future.
    /// </summary>
    public async Task<TrafficSummary> GetSummaryAsync(DateTime startUtc, DateTime endUtc, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var days = new DayRange(DateOnly.FromDateTime(startUtc), DateOnly.FromDateTime(endUtc.AddTicks(-1)));
        var full = new List<DateOnly>();
        var add = new List<(DateTime From, DateTime To)>();
        var subtract = new List<(DateTime From, DateTime To)>();
        for (var day = days.From; day <= days.To; day = day.AddDays(1))
        {
            var (dayStart, dayEnd) = (day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var inside = (From: Max(dayStart, startUtc), To: Min(dayEnd, endUtc));
            (DateTime From, DateTime To)[] outside = [(dayStart, inside.From), (inside.To, dayEnd)];
            TimeSpan Past((DateTime From, DateTime To) part) => Min(part.To, now) - part.From is var t && t > TimeSpan.Zero ? t : TimeSpan.Zero;
            if (Past(inside).Ticks < outside.Sum(o => Past(o).Ticks))
            {
                add.Add(inside);
            }
            else
            {
                full.Add(day);
                subtract.AddRange(outside.Where(o => Past(o) > TimeSpan.Zero));
            }
        }

        var sums = new Dictionary<(MessageDirection Direction, MessageState State), (long Messages, long Units, long Amount)>();
        void Add(MessageDirection direction, MessageState state, long messages, long units, long amount, int sign)
        {
            var old = sums.GetValueOrDefault((direction, state));
            sums[(direction, state)] = (old.Messages + (sign * messages), old.Units + (sign * units), old.Amount + (sign * amount));
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var day in full)
        {
            foreach (var s in await SumByAsync(Rollup(db, new DayRange(day, day), ReportDimension.All), t => new { t.Direction, t.State }, cancellationToken))
            {
                Add(s.Key.Direction, s.Key.State, s.Messages, s.Units, s.Amount, +1);
            }
        }

        foreach (var (parts, sign) in new[] { (add, +1), (subtract, -1) })
        {
            foreach (var (from, to) in parts.Where(p => p.From < p.To))
            {
                await using var command = await CommandAsync(db, """
                    SELECT "Direction", "State", COUNT(*), CAST(SUM(COALESCE("Units", 0)) AS BIGINT), CAST(SUM(COALESCE("TotalAmount", 0)) AS BIGINT) FROM "Messages"
                    WHERE "MessageTime" >= @from AND "MessageTime" < @to GROUP BY 1, 2
                    """, cancellationToken, ("@from", UtcDateTimeConverter.ToDb(from)), ("@to", UtcDateTimeConverter.ToDb(to)));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    Add((MessageDirection)reader.GetInt32(0), (MessageState)reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), sign);
                }
            }
        }

        return Summarize(sums.Select(s => (s.Key.Direction, s.Key.State, s.Value.Messages, s.Value.Units, s.Value.Amount)));
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
