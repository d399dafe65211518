using System.ComponentModel.DataAnnotations;

namespace Dashboard.Core.Users;

/// <summary>Sign-in settings (<c>Auth</c> section).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The first admin, for deployments and tests; without it a random password is printed once on first run.</summary>
    public BootstrapAdminOptions BootstrapAdmin { get; set; } = new();

    /// <summary>Wrong passwords for one user name (known or not) before each further one makes the name wait (ADR-007).</summary>
    [Range(1, 100)]
    public int FreeSignInFailures { get; set; } = 3;

    /// <summary>The longest wait a user name is made to keep between tries: 1 s, then doubling up to this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxSignInDelay { get; set; } = TimeSpan.FromMinutes(1);
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
