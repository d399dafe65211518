using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageUuid).HasMaxLength(64);
        builder.HasIndex(m => m.MessageUuid).IsUnique();
        builder.Property(m => m.FromNumber).HasMaxLength(32);
        builder.Property(m => m.ToNumber).HasMaxLength(32);
        builder.Property(m => m.ErrorCode).HasMaxLength(16);
        builder.Property(m => m.Mcc).HasMaxLength(8);
        builder.Property(m => m.Mnc).HasMaxLength(8);
        builder.Property(m => m.CountryIso2).HasMaxLength(2);
        builder.Property(m => m.PowerpackUuid).HasMaxLength(64);
        // Plivo's WhatsApp conversation (its ConversationID), not our inbox conversation (InboxConversationId); the column
        // keeps its first name, so the schema did not change with the property's.
        builder.Property(m => m.PlivoConversationId).HasColumnName("ConversationId").HasMaxLength(64);
        builder.Property(m => m.ConversationOrigin).HasMaxLength(32);
        builder.Property(m => m.Log).HasMaxLength(16);

        // The message log pages newest first by (MessageTime, Id) keyset, optionally narrowed by a filter.
        builder.HasIndex(m => new { m.MessageTime, m.Id });
        builder.HasIndex(m => new { m.State, m.MessageTime });
        // No (Direction, MessageTime) index: two values are not selective (the time index finds 50 inbound rows
        // after reading a few hundred), and every new message would pay for it.
        builder.HasIndex(m => new { m.ErrorCode, m.MessageTime });
        builder.HasIndex(m => new { m.InboxConversationId, m.MessageTime });
        // Search by number reads each side newest first and merges (see MessageQueries.ListAsync).
        builder.HasIndex(m => new { m.FromNumber, m.MessageTime });
        builder.HasIndex(m => new { m.ToNumber, m.MessageTime });

        builder.HasMany(m => m.Events).WithOne().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Media).WithOne().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageEventConfiguration : IEntityTypeConfiguration<MessageEvent>
{
    public void Configure(EntityTypeBuilder<MessageEvent> builder)
    {
        builder.ToTable("MessageEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ErrorCode).HasMaxLength(16);

        // A repeated callback (same message, sequence and status) is stored once: the writer's
        // INSERT ... ON CONFLICT counts it in Repeats instead.
        builder.HasIndex(e => new { e.MessageId, e.Sequence, e.State }).IsUnique();
    }
}

internal sealed class MessageMediaConfiguration : IEntityTypeConfiguration<MessageMedia>
{
    public void Configure(EntityTypeBuilder<MessageMedia> builder)
    {
        builder.ToTable("MessageMedia");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Url).HasMaxLength(2048);
        builder.Property(m => m.ContentType).HasMaxLength(128);
        builder.HasIndex(m => new { m.MessageId, m.Index }).IsUnique();
    }
}
