using Dashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class DailyFactConfiguration : IEntityTypeConfiguration<DailyFact>
{
    public void Configure(EntityTypeBuilder<DailyFact> builder)
    {
        builder.ToTable("DailyFacts");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Key).HasMaxLength(64);

        // Reports read one dimension over a range of days: (Dimension, Day) leads.
        builder.HasIndex(f => new { f.Dimension, f.Day, f.Key, f.Direction, f.State }).IsUnique();
    }
}
