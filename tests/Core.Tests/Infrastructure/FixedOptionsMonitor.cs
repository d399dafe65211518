using Microsoft.Extensions.Options;

namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>An options monitor that always answers the same value, for building a service by hand.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
