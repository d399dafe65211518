namespace Dashboard.Core.Live;

/// <summary>Where the live feed goes beyond this process: <c>ConnectionStrings:Redis</c> (none = in-process only).</summary>
public sealed class LiveOptions
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c>.</summary>
    public const string RedisConnectionStringName = "Redis";

    /// <summary>StackExchange.Redis configuration (<c>host:port[,password=…][,ssl=true]</c>); empty: no Redis.</summary>
    public string? Redis { get; set; }
}
