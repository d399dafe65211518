using System.Security.Cryptography;
using System.Text;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Users;

/// <summary>An API key as the admin page lists it (never the key itself).</summary>
public sealed record ApiKeySummary(long Id, string Name, string Prefix, UserRoles Roles, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// API keys for integrators: created by an admin (shown once, stored as a SHA-256 hash) or supplied through
/// configuration (<c>Api:Keys</c>). Validation compares hashes in constant time.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<DashboardDb> factory, IOptionsMonitor<ApiOptions> options, TimeProvider time)
{
    private const string KeyPrefix = "pdk_";

    /// <summary>Creates a key and returns it in clear: the only time anyone sees it.</summary>
    public async Task<string> CreateAsync(string name, UserRoles roles, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new UserValidationException(nameof(name), "Give the key a name that says who uses it.");
        }

        var key = KeyPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(new ApiKey
        {
            Name = name.Trim(),
            Prefix = key[..(KeyPrefix.Length + 6)],
            KeyHash = Hash(key),
            Roles = roles,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    public async Task RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, time.GetUtcNow().UtcDateTime), cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.Roles, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The name and roles of a valid key, and its id when it is stored (null for a configured key), or null.</summary>
    public async Task<(string Name, UserRoles Roles, long? Id)?> ValidateAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 200)
        {
            return null;
        }

        var hash = Hash(key);
        foreach (var configured in options.CurrentValue.Keys)
        {
            if (configured.Key.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Hash(configured.Key)), Encoding.UTF8.GetBytes(hash)))
            {
                return (configured.Name, ParseRoles(configured.Roles), null);
            }
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stored = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        return stored is null ? null : (stored.Name, stored.Roles, stored.Id);
    }

    /// <summary>Whether a stored key is still unrevoked: long-lived connections opened with it re-check this.</summary>
    public async Task<bool> IsActiveAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
    }

    /// <summary>Reads "Support, Manager" into flags; unknown names are ignored.</summary>
    public static UserRoles ParseRoles(string? names) =>
        (names ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Aggregate(UserRoles.None, (all, name) => Enum.TryParse<UserRoles>(name, ignoreCase: true, out var role) ? all | role : all);

    private static string Hash(string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
