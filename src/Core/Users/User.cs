namespace Dashboard.Core.Users;

/// <summary>
/// What a person (or an API key) may do. Managers see everything support staff see plus costs and exports;
/// admins see everything and manage users and keys.
/// </summary>
[Flags]
public enum UserRoles
{
    None = 0,

    /// <summary>Messages, timelines, errors, the overview.</summary>
    Support = 1,

    /// <summary>Support's pages plus costs and exports.</summary>
    Manager = 2,

    /// <summary>Inbox, replies and compose.</summary>
    Agent = 4,

    /// <summary>Everything, plus users, API keys and settings.</summary>
    Admin = 8,
}

/// <summary>A person who signs in to the dashboard.</summary>
public sealed class User
{
    public long Id { get; set; }

    /// <summary>Unique, compared case-insensitively (stored lower-case in <see cref="NormalizedUserName"/>).</summary>
    public required string UserName { get; set; }

    public required string NormalizedUserName { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; set; }

    public UserRoles Roles { get; set; }

    /// <summary>
    /// Changes whenever the user's sessions must end (sign-out, new roles, new password): a session carries the stamp
    /// it was signed in with and is refused once it differs.
    /// </summary>
    public string SecurityStamp { get; set; } = NewStamp();

    public DateTime CreatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }

    public static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}

/// <summary>A key for integrators calling the read API or the hub (header <c>X-Api-Key</c>); only its hash is kept.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the key, shown so an admin can tell keys apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the key (keys are 256-bit random, so a fast hash is enough), Base64.</summary>
    public required string KeyHash { get; set; }

    public UserRoles Roles { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
