using Dashboard.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("Conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.OurNumber).HasMaxLength(32);
        builder.Property(c => c.ContactNumber).HasMaxLength(32);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(200);
        builder.HasIndex(c => new { c.OurNumber, c.ContactNumber, c.Channel }).IsUnique();
        builder.HasIndex(c => c.LastMessageAt);
    }
}

internal sealed class OptOutConfiguration : IEntityTypeConfiguration<OptOut>
{
    public void Configure(EntityTypeBuilder<OptOut> builder)
    {
        builder.ToTable("OptOuts");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.OurNumber).HasMaxLength(32);
        builder.Property(o => o.ContactNumber).HasMaxLength(32);
        builder.Property(o => o.Reason).HasMaxLength(64);
        builder.HasIndex(o => new { o.OurNumber, o.ContactNumber }).IsUnique();
    }
}
