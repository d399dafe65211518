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
    InvalidCredentials,
    LockedOut,
}

public sealed record SignInResult(SignInStatus Status, User? User = null, DateTime? LockedUntil = null);

/// <summary>A user as the admin page lists it.</summary>
public sealed record UserSummary(long Id, string UserName, UserRoles Roles, DateTime CreatedAt, DateTime? LastSignInAt, DateTime? LockedUntil);

/// <summary>A validation problem with a user edit, by field.</summary>
public sealed class UserValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Users, passwords (the framework's <see cref="PasswordHasher{TUser}"/>) and lockout. Users live in the
/// dashboard's database; roles are a flags value per user.
/// </summary>
public sealed class UserService(IDbContextFactory<DashboardDb> factory, IOptions<AuthOptions> options, TimeProvider time)
{
    public const int MinPasswordLength = 12;

    private readonly PasswordHasher<User> _hasher = new();

    public async Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var normalized = Normalize(userName);
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (user is null)
        {
            // Spend the same effort as a real check so timing does not tell which user names exist.
            _hasher.VerifyHashedPassword(new User { UserName = "", NormalizedUserName = "", PasswordHash = "" }, DummyHash, password);
            return new SignInResult(SignInStatus.InvalidCredentials);
        }

        if (user.LockedUntil > now)
        {
            return new SignInResult(SignInStatus.LockedOut, LockedUntil: user.LockedUntil);
        }

        var verdict = _hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= options.Value.MaxFailedSignIns)
            {
                user.FailedSignIns = 0;
                user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
            }

            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil > now
                ? new SignInResult(SignInStatus.LockedOut, LockedUntil: user.LockedUntil)
                : new SignInResult(SignInStatus.InvalidCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = _hasher.HashPassword(user, password);
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        user.LastSignInAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInStatus.Succeeded, user);
    }

    public async Task<User?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().OrderBy(u => u.NormalizedUserName)
            .Select(u => new UserSummary(u.Id, u.UserName, u.Roles, u.CreatedAt, u.LastSignInAt, u.LockedUntil))
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

        user.Roles = roles;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetPasswordAsync(long id, string password, CancellationToken cancellationToken = default)
    {
        ValidatePassword(password);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstAsync(u => u.Id == id, cancellationToken);
        user.PasswordHash = _hasher.HashPassword(user, password);
        user.FailedSignIns = 0;
        user.LockedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
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
        await CreateAsync(userName, configured.Password is { Length: > 0 } given ? given : generated!, UserRoles.Admin | UserRoles.Support | UserRoles.Manager | UserRoles.Agent, cancellationToken);
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
