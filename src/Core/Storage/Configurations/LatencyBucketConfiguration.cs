using Dashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class LatencyBucketConfiguration : IEntityTypeConfiguration<LatencyBucket>
{
    public void Configure(EntityTypeBuilder<LatencyBucket> builder)
    {
        builder.ToTable("LatencyBuckets");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Key).HasMaxLength(64);

        // The report reads one dimension over a range of days, as DailyFacts: (Dimension, Day) leads.
        builder.HasIndex(b => new { b.Dimension, b.Day, b.Key, b.Stage, b.Bucket }).IsUnique();
    }
}
