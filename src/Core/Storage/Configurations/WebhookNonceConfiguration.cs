using Dashboard.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class WebhookNonceConfiguration : IEntityTypeConfiguration<WebhookNonce>
{
    public void Configure(EntityTypeBuilder<WebhookNonce> builder)
    {
        // Rows are appended in time order, so the writer trims the oldest by Id without an index on SeenAt.
        builder.ToTable("WebhookNonces");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Nonce).HasMaxLength(WebhookReceipt.MaxNonceLength);
        builder.Property(n => n.Fingerprint).HasMaxLength(16);
        builder.HasIndex(n => n.Nonce).IsUnique();
    }
}
