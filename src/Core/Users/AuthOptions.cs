using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Users;

/// <summary>Sign-in settings (<c>Auth</c> section).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The first admin, for deployments and tests; without it a random password is printed once on first run.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Failed passwords in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;
}

public sealed class BootstrapAdminOptions
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary>API keys supplied by configuration (<c>Api:Keys</c>), in addition to those an admin creates.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    public List<ConfiguredApiKey> Keys { get; set; } = [];
}

public sealed class ConfiguredApiKey
{
    public string Name { get; set; } = "configured";

    [Required]
    [MinLength(16)]
    public string Key { get; set; } = "";

    /// <summary>Comma-separated role names; default Support and Manager (read access).</summary>
    public string Roles { get; set; } = "Support,Manager";
}
