using Dashboard.Core.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core;

/// <summary>Registers the report queries and their options.</summary>
public static class ReportsServiceCollectionExtensions
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportsOptions>()
            .BindConfiguration(ReportsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ReportQueries>();
        return services;
    }
}
