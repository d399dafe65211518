using Dashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class DailyTotalConfiguration : IEntityTypeConfiguration<DailyTotal>
{
    public void Configure(EntityTypeBuilder<DailyTotal> builder)
    {
        builder.ToTable("DailyTotals");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.CountryIso2).HasMaxLength(2);
        builder.Property(t => t.ErrorCode).HasMaxLength(16);
        builder.Property(t => t.Mcc).HasMaxLength(8);
        builder.Property(t => t.Mnc).HasMaxLength(8);
        builder.Property(t => t.ConversationOrigin).HasMaxLength(32);
        builder.Property(t => t.PowerpackUuid).HasMaxLength(64);
        builder.HasIndex(t => new
        {
            t.Day, t.Direction, t.Type, t.State, t.CountryIso2, t.ErrorCode, t.Mcc, t.Mnc, t.ConversationOrigin, t.PowerpackUuid,
        }).IsUnique();
    }
}
