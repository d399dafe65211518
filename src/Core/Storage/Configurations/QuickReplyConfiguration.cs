using Dashboard.Core.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class QuickReplyConfiguration : IEntityTypeConfiguration<QuickReply>
{
    public void Configure(EntityTypeBuilder<QuickReply> builder)
    {
        builder.ToTable("QuickReplies");
        builder.HasKey(q => q.Id);

        // NOCASE: "Thanks" and "thanks" are the same quick reply to an agent picking from a list.
        builder.Property(q => q.Title).HasMaxLength(QuickReply.MaxTitle).UseCollation("NOCASE");
        builder.Property(q => q.Text).HasMaxLength(QuickReply.MaxText);
        builder.HasIndex(q => q.Title).IsUnique();
    }
}
