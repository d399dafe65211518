using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Incidents;

/// <summary>
/// When a spike of failures becomes an incident (<c>Incidents</c> section; the rule is ADR-012): per key, the failures of
/// the last <see cref="Window"/> against the same key's rate over the <see cref="BaselinePeriod"/> before it.
/// </summary>
public sealed class IncidentOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The window is counted in this many slices: it slides by a fifth of itself.</summary>
    public const int SlicesPerWindow = 5;

    /// <summary>Detects incidents; on by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How far back the current rate looks. Five minutes is long enough for a carrier's outage to show in dozens of
    /// failures and short enough that staff hear of it while it is happening.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The period before the window whose failure rate is the key's normal (its baseline).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan BaselinePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The window's rate must be at least this many times the baseline's.</summary>
    [Range(1.0, 1_000.0)]
    public double Ratio { get; set; } = 3;

    /// <summary>And the window must hold at least this many failures: three failures at night are not an incident.</summary>
    [Range(1, 1_000_000)]
    public int MinimumCount { get; set; } = 20;

    /// <summary>An incident whose key has not been over the threshold for this long closes by itself.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The length of one slice of the window (and of the incidents' charts).</summary>
    public TimeSpan Slice => Window / SlicesPerWindow;

    /// <summary>The baseline holds at most 10,000 slices (a window of 5 minutes allows a baseline of about 7 days).</summary>
    public bool PeriodsAreValid() => BaselinePeriod >= Window && BaselinePeriod / Slice <= 10_000;

    public const string PeriodsProblem =
        "Incidents:BaselinePeriod must be at least Incidents:Window and at most 2,000 windows long.";
}
