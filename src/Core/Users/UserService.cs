using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dashboard.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Users;

/// <summary>Why a sign-in failed, or that it worked.</summary>
public enum SignInStatus
{
    Succeeded,

    /// <summary>Unknown name or wrong password: the same answer for both, so names cannot be probed.</summary>
    InvalidCredentials,

    /// <summary>Too many failures for this name (known or not): try again after <see cref="SignInResult.RetryAfter"/>.</summary>
    Throttled,
}

public sealed record SignInResult(SignInStatus Status, User? User = null, TimeSpan? RetryAfter = null);

/// <summary>What a signed-in session is checked against on each request: the user as stored now.</summary>
public sealed record UserSession(long Id, string UserName, UserRoles Roles, string SecurityStamp);

/// <summary>A user as the admin page lists it.</summary>
public sealed record UserSummary(long Id, string UserName, UserRoles Roles, DateTime CreatedAt, DateTime? LastSignInAt);

/// <summary>A validation problem with a user edit, by field.</summary>
public sealed class UserValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Users, passwords (the framework's <see cref="PasswordHasher{TUser}"/>), sign-in throttling per user name
/// (<see cref="FailureThrottle"/>, ADR-007) and the security stamp that ends sessions. Users live in the dashboard's
/// database; roles are a flags value per user.
/// </summary>
public sealed class UserService(IDbContextFactory<DashboardDb> factory, IOptions<AuthOptions> options, TimeProvider time)
{
    public const int MinPasswordLength = 12;

    /// <summary>
    /// How long a session lookup is reused. Every change made here drops the user's entry at once, so this only
    /// bounds how late a change made by another process (another node, a script on the database) is seen.
    /// </summary>
    public static readonly TimeSpan SessionCacheTime = TimeSpan.FromSeconds(5);

    private readonly PasswordHasher<User> _hasher = new();
    private readonly FailureThrottle _throttle = new(time, options.Value.FreeSignInFailures, options.Value.MaxSignInDelay);
    private readonly ConcurrentDictionary<long, (UserSession? Session, DateTimeOffset Until)> _sessions = new();

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(userName);
        if (_throttle.Wait(normalized) is { } wait)
        {
            return new SignInResult(SignInStatus.Throttled, RetryAfter: wait);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var verdict = PasswordVerificationResult.Failed;
        if (user is null)
        {
            // Spend the same effort as a real check so timing does not tell which user names exist.
            _hasher.VerifyHashedPassword(new User { UserName = "", NormalizedUserName = "", PasswordHash = "" }, DummyHash, password);
        }
        else
        {
            verdict = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        }

        if (user is null || verdict == PasswordVerificationResult.Failed)
        {
            _throttle.Fail(normalized);
            return new SignInResult(SignInStatus.InvalidCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = _hasher.HashPassword(user, password);
        }

        _throttle.Succeed(normalized);
        user.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInStatus.Succeeded, user);
    }

    /// <summary>The user as stored now (cached for <see cref="SessionCacheTime"/>), or null when it was deleted.</summary>
    public async Task<UserSession?> GetSessionAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_sessions.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached.Session;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var session = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new UserSession(u.Id, u.UserName, u.Roles, u.SecurityStamp))
            .FirstOrDefaultAsync(cancellationToken);
        _sessions[id] = (session, now + SessionCacheTime);
        return session;
    }

    /// <summary>Ends every session of the user (sign-out ends them on every device, not only in one browser).</summary>
    public async Task EndSessionsAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, User.NewStamp()), cancellationToken);
        _sessions.TryRemove(id, out _);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName)
            .Select(u => new UserSummary(u.Id, u.UserName, u.Roles, u.CreatedAt, u.LastSignInAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<long> CreateAsync(string userName, string password, UserRoles roles, CancellationToken cancellationToken = default)
    {
        userName = userName.Trim();
        if (userName.Length is < 2 or > 64 || userName.Any(char.IsWhiteSpace))
        {
            throw new UserValidationException(nameof(userName), "A user name has 2 to 64 characters and no spaces.");
        }

        ValidatePassword(password);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
        {
            throw new UserValidationException(nameof(userName), $"A user named '{userName}' already exists.");
        }

        var user = new User { UserName = userName, NormalizedUserName = normalized, PasswordHash = "", Roles = roles, CreatedAt = time.GetUtcNow().UtcDateTime };
        user.PasswordHash = _hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user.Id;
    }

    public async Task SetRolesAsync(long id, UserRoles roles, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        if (!roles.HasFlag(UserRoles.Admin) && user.Roles.HasFlag(UserRoles.Admin)
            && !await db.Users.AnyAsync(u => u.Id != id && (u.Roles & UserRoles.Admin) != 0, cancellationToken))
        {
            throw new UserValidationException("roles", "The last admin keeps the Admin role.");
        }

        if (user.Roles != roles)
        {
            user.Roles = roles;
            user.SecurityStamp = User.NewStamp();
        }

        await db.SaveChangesAsync(cancellationToken);
        _sessions.TryRemove(id, out _);
    }

    public async Task SetPasswordAsync(long id, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        user.PasswordHash = _hasher.HashPassword(user, password);
        user.SecurityStamp = User.NewStamp();
        await db.SaveChangesAsync(cancellationToken);
        _sessions.TryRemove(id, out _);
        _throttle.Succeed(user.NormalizedUserName);
    }

    public async Task DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        if (user.Roles.HasFlag(UserRoles.Admin) && !await db.Users.AnyAsync(u => u.Id != id && (u.Roles & UserRoles.Admin) != 0, cancellationToken))
        {
            throw new UserValidationException("user", "The last admin cannot be deleted.");
        }

        db.Users.Remove(user);
        await db.SaveChangesAsync(cancellationToken);
        _sessions.TryRemove(id, out _);
    }

    /// <summary>
    /// On first run (no users): creates the configured admin, or an "admin" with a random password which is
    /// returned so the host prints it once. Returns null when users already exist.
    /// </summary>
    public async Task<(string UserName, string? GeneratedPassword)?> EnsureFirstAdminAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return null;
            }
        }

        var configured = options.Value.BootstrapAdmin;
        var userName = string.IsNullOrWhiteSpace(configured.UserName) ? "admin" : configured.UserName.Trim();
        var generated = string.IsNullOrEmpty(configured.Password) ? RandomPassword() : null;
        try
        {
            await CreateAsync(userName, configured.Password is { Length: > 0 } given ? given : generated!, UserRoles.Admin | UserRoles.Support | UserRoles.Manager | UserRoles.Agent, cancellationToken);
        }
        catch (Exception ex) when (ex is UserValidationException or DbUpdateException)
        {
            // Another instance on the same database made the first admin at the same moment (ADR-011): it is there.
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return null;
            }

            throw;
        }

        return (userName, generated);
    }

    public static string RoleNames(UserRoles roles) =>
        roles == UserRoles.None ? "none" : string.Join(", ", Enum.GetValues<UserRoles>().Where(r => r != UserRoles.None && roles.HasFlag(r)));

    private static void ValidatePassword(string password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            throw new UserValidationException(nameof(password), $"A password has at least {MinPasswordLength} characters.");
        }
    }

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    private static string RandomPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User { UserName = "", NormalizedUserName = "", PasswordHash = "" }, "not a password of anyone");
}
