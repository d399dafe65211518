using Dashboard.Core.Users;
using Microsoft.AspNetCore.Authorization;

namespace Dashboard.Security;

/// <summary>The authorization policies every page and endpoint names, one per area of the product.</summary>
public static class Policies
{
    /// <summary>Messages, timelines, errors, the overview: support staff, managers, admins.</summary>
    public const string Operations = "Operations";

    /// <summary>Acknowledging and resolving incidents: support staff and admins (managers see them).</summary>
    public const string IncidentResponse = "IncidentResponse";

    /// <summary>Costs and exports: managers and admins.</summary>
    public const string Costs = "Costs";

    /// <summary>Inbox, replies and compose: agents and admins.</summary>
    public const string Inbox = "Inbox";

    /// <summary>Users, API keys, settings: admins.</summary>
    public const string Admin = "Admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Operations, p => p.RequireRole(nameof(UserRoles.Support), nameof(UserRoles.Manager), nameof(UserRoles.Admin)));
        options.AddPolicy(IncidentResponse, p => p.RequireRole(nameof(UserRoles.Support), nameof(UserRoles.Admin)));
        options.AddPolicy(Costs, p => p.RequireRole(nameof(UserRoles.Manager), nameof(UserRoles.Admin)));
        options.AddPolicy(Inbox, p => p.RequireRole(nameof(UserRoles.Agent), nameof(UserRoles.Admin)));
        options.AddPolicy(Admin, p => p.RequireRole(nameof(UserRoles.Admin)));

        // Everything needs a signed-in user unless it says otherwise (webhooks, the simulator, sign-in, health).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>The claim that carries the user's security stamp at sign-in (<see cref="SessionValidator"/>).</summary>
    public const string StampClaim = "dashboard:stamp";

    /// <summary>The claim that carries a stored API key's id, so long-lived connections can re-check it.</summary>
    public const string KeyIdClaim = "dashboard:key";

    /// <summary>The claims of a user or key: its name, one role claim per role it holds, and a user's id and stamp.</summary>
    public static IEnumerable<System.Security.Claims.Claim> Claims(string name, UserRoles roles, string? id = null, string? stamp = null)
    {
        yield return new(System.Security.Claims.ClaimTypes.Name, name);
        if (id is not null)
        {
            yield return new(System.Security.Claims.ClaimTypes.NameIdentifier, id);
        }

        if (stamp is not null)
        {
            yield return new(StampClaim, stamp);
        }

        foreach (var role in Enum.GetValues<UserRoles>())
        {
            if (role != UserRoles.None && roles.HasFlag(role))
            {
                yield return new(System.Security.Claims.ClaimTypes.Role, role.ToString());
            }
        }
    }
}
