namespace Dashboard.Tests.Infrastructure;

/// <summary>
/// Every callback of many messages, a fifth of them twice, in a shuffled order: the truth (each message's final state
/// and its distinct callbacks) beside what is sent.
/// </summary>
public sealed class ShuffledCallbackSet
{
    private ShuffledCallbackSet(Dictionary<string, string> finals, List<List<KeyValuePair<string, string>>> sends, List<List<KeyValuePair<string, string>>> shuffled)
    {
        Finals = finals;
        Sends = sends;
        Shuffled = shuffled;
    }

    /// <summary>Each message's last state, by its uuid (Plivo's name).</summary>
    public Dictionary<string, string> Finals { get; }

    /// <summary>The callbacks in the order made, repeats included.</summary>
    public List<List<KeyValuePair<string, string>>> Sends { get; }

    public List<List<KeyValuePair<string, string>>> Shuffled { get; }

    public static ShuffledCallbackSet Create(int seed, int messages = 2_000)
    {
        var random = new Random(seed);
        var finals = new Dictionary<string, string>();
        var sends = new List<List<KeyValuePair<string, string>>>();
        for (var i = 0; i < messages; i++)
        {
            var uuid = Callbacks.NewUuid();
            var final = random.Next(10) switch { 0 => "undelivered", 1 => "failed", _ => "delivered" };
            finals[uuid] = final;
            var callbacks = final == "failed"
                ? new[] { Callbacks.Status(uuid, "queued", 1), Callbacks.Status(uuid, "failed", 2, ("ErrorCode", "900")) }
                : [Callbacks.Status(uuid, "queued", 1), Callbacks.Status(uuid, "sent", 2),
                    Callbacks.Status(uuid, final, 3, ("ErrorCode", final == "undelivered" ? "30" : "000"))];
            sends.AddRange(callbacks);
            if (random.Next(5) == 0)
            {
                sends.Add(callbacks[random.Next(callbacks.Length)]);
            }
        }

        return new ShuffledCallbackSet(finals, sends, [.. sends.OrderBy(_ => random.Next())]);
    }

    /// <summary>Posts every callback, <paramref name="parallel"/> at once, each to the app <paramref name="pick"/> chooses.</summary>
    public async Task<System.Net.HttpStatusCode[]> PostAsync(Func<int, DashboardFactory> pick, int parallel = 64)
    {
        using var gate = new SemaphoreSlim(parallel);
        return await Task.WhenAll(Shuffled.Select(async (form, i) =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await pick(i).PostSignedAsync("/plivo/status", form);
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
