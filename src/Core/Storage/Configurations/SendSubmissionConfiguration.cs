using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class SendSubmissionConfiguration : IEntityTypeConfiguration<SendSubmission>
{
    public void Configure(EntityTypeBuilder<SendSubmission> builder)
    {
        builder.ToTable("SendSubmissions");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(SendSubmission.MaxKey);

        // The writer forgets keys past their retention by this column.
        builder.HasIndex(s => s.CreatedAt);
    }
}
