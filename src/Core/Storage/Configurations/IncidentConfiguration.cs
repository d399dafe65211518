using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.ErrorCode).HasMaxLength(16);
        builder.Property(i => i.KeyValue).HasMaxLength(64);
        builder.Property(i => i.OpenKey).HasMaxLength(96);
        builder.Ignore(i => i.Key);
        builder.Ignore(i => i.IsOpen);

        // One open incident per key, whichever instance opened it (NULLs, the ended ones, do not collide).
        builder.HasIndex(i => i.OpenKey).IsUnique();

        // The page lists the newest first.
        builder.HasIndex(i => i.DetectedAt);
        builder.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Deliveries).WithOne().HasForeignKey(d => d.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentEventConfiguration : IEntityTypeConfiguration<IncidentEvent>
{
    public void Configure(EntityTypeBuilder<IncidentEvent> builder)
    {
        builder.ToTable("IncidentEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.By).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(Incident.MaxNote);
    }
}

internal sealed class IncidentWebhookDeliveryConfiguration : IEntityTypeConfiguration<IncidentWebhookDelivery>
{
    public void Configure(EntityTypeBuilder<IncidentWebhookDelivery> builder)
    {
        builder.ToTable("IncidentWebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Event).HasMaxLength(16);
        builder.Property(d => d.Error).HasMaxLength(IncidentWebhookDelivery.MaxError);
    }
}
