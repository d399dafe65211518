using Dashboard.Core.Simulator;

namespace Dashboard.Tests.Infrastructure;

/// <summary>What the tests wait on before comparing the dashboard with the simulated Plivo; no product code needs it.</summary>
public static class SimulatorSettling
{
    /// <summary>
    /// True once a message's lifecycle has ended and all its callbacks were delivered (or given up on): its record will
    /// not change any more. False for unknown messages.
    /// </summary>
    public static bool IsSettled(this SimulatorStore store, string messageUuid) => store.Find(messageUuid)?.Settled ?? false;
}
