using Dashboard.Core.Plivo;

namespace Dashboard.Core.Sending;

/// <summary>A send checked without calling anyone: its figures and every problem, keyed by <see cref="ComposeRequest"/> property name.</summary>
/// <param name="Errors">By field; <see cref="SendOutcome.FormError"/> for the form as a whole. Opt-outs are checked when sending.</param>
public sealed record SendCheck(ComposePreview Preview, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>Plivo's request for the send, when it is valid.</summary>
    internal PlivoSendRequest? Request { get; init; }
}

/// <summary>What became of a send: refused with field errors, or queued with one UUID per destination.</summary>
public sealed record SendOutcome(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Errors,
    IReadOnlyList<SentMessage> Messages,
    IReadOnlyList<string> InvalidNumbers,
    CostEstimate Cost,
    string? ApiId = null)
{
    /// <summary>The key of errors about the whole form rather than one field (e.g. Plivo's own refusal).</summary>
    public const string FormError = "";

    public bool Sent => Messages.Count > 0;

    /// <summary>The outcome of an earlier attempt with the same submission key: nothing was sent this time.</summary>
    public bool Repeated { get; init; }

    /// <summary>Plivo did not answer (a timeout, a lost connection): the message may or may not have been queued.</summary>
    public bool Uncertain { get; init; }
}

/// <summary>A message Plivo queued: its destination and UUID (the timeline page is <c>/messages/{uuid}</c>).</summary>
public sealed record SentMessage(string To, string MessageUuid);
