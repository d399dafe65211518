using System.ComponentModel.DataAnnotations;
using Dashboard.Core.Messages;

namespace Dashboard.Core.Reconciliation;

/// <summary>
/// When an outbound message counts as silent (no final state long after it was sent) and how hard Plivo's Get Message
/// API is asked about silent ones (<c>Reconciliation</c> section).
/// </summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Asks Plivo about silent messages; on by default (against the simulator too).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long after its message time an outbound message may stay <c>queued</c> or <c>sent</c> before it is silent.
    /// Carriers' delivery reports usually come within minutes; ten minutes leaves room for slow ones.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Per message type, overrides <see cref="SilentAfter"/> (e.g. <c>Reconciliation:SilentAfterByType:WhatsApp</c>).</summary>
    public Dictionary<MessageType, TimeSpan> SilentAfterByType { get; set; } = [];

    /// <summary>Get Message calls per second at most (docs/plivo/send-message.md: Plivo names no per-second limit for reads).</summary>
    [Range(0.1, 50)]
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>How often the silent messages are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most messages asked about in one round (oldest first); the rest wait for the next.</summary>
    [Range(1, 100_000)]
    public int MaxPerRound { get; set; } = 500;

    /// <summary>
    /// How long after its message time a silent message is still asked about. Some networks never send delivery reports,
    /// so their messages stay <c>sent</c> for good; past this age they still count as silent but cost no more API calls.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan StopAskingAfter { get; set; } = TimeSpan.FromDays(3);

    public TimeSpan SilentAfterFor(MessageType type) => SilentAfterByType.GetValueOrDefault(type, SilentAfter);

    /// <summary>Every override within the same bounds as <see cref="SilentAfter"/>.</summary>
    public bool OverridesAreValid() =>
        SilentAfterByType.Values.All(t => t >= TimeSpan.FromSeconds(1) && t <= TimeSpan.FromDays(7));
}
