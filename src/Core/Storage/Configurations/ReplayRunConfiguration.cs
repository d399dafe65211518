using Dashboard.Core.Replay;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class ReplayRunConfiguration : IEntityTypeConfiguration<ReplayRun>
{
    public void Configure(EntityTypeBuilder<ReplayRun> builder)
    {
        builder.ToTable("ReplayRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.By).HasMaxLength(100);
        builder.Property(r => r.Source).HasMaxLength(ReplayRun.MaxDescription);

        // The page lists the newest first.
        builder.HasIndex(r => r.StartedAt);
    }
}
