using System.Globalization;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Conversations;

/// <summary>A canned response agents insert into the composer.</summary>
public sealed class QuickReply
{
    public const int MaxTitle = 60;

    public const int MaxText = 1_600;

    public long Id { get; set; }

    /// <summary>The short label agents pick it by; unique, ignoring case.</summary>
    public required string Title { get; set; }

    public required string Text { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>What an agent typed to save a quick reply; <see cref="Id"/> null for a new one.</summary>
public sealed record QuickReplyInput(long? Id, string? Title, string? Text);

/// <summary>The saved quick reply, or the problems with the input by field name.</summary>
public sealed record QuickReplySaveResult(QuickReply? Saved, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Saved is not null;
}

/// <summary>Saves, lists and deletes quick replies (small admin writes, outside the ingest writer).</summary>
public sealed class QuickReplies(IDbContextFactory<DashboardDb> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<QuickReply>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<QuickReply>().AsNoTracking().OrderBy(q => q.Title).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// What is wrong with <paramref name="input"/> before the database is asked (titles are unique: that is checked on
    /// saving), by field name, in the words the form shows next to each field.
    /// </summary>
    public static Dictionary<string, string> Check(QuickReplyInput input)
    {
        var (title, text) = (input.Title?.Trim() ?? "", input.Text?.Trim() ?? "");
        var errors = new Dictionary<string, string>();
        if (title.Length == 0) errors[nameof(QuickReply.Title)] = "Give the quick reply a short title.";
        else if (title.Length > QuickReply.MaxTitle) errors[nameof(QuickReply.Title)] = $"A title has at most {QuickReply.MaxTitle} characters.";
        if (text.Length == 0) errors[nameof(QuickReply.Text)] = "Write the reply's text.";
        else if (text.Length > QuickReply.MaxText) errors[nameof(QuickReply.Text)] = string.Create(CultureInfo.InvariantCulture, $"A quick reply has at most {QuickReply.MaxText:N0} characters.");
        return errors;
    }

    public async Task<QuickReplySaveResult> SaveAsync(QuickReplyInput input, CancellationToken cancellationToken = default)
    {
        var (title, text) = (input.Title?.Trim() ?? "", input.Text?.Trim() ?? "");
        var errors = Check(input);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var set = db.Set<QuickReply>();
        if (errors.Count == 0 && await set.AnyAsync(q => q.Title == title && q.Id != (input.Id ?? 0), cancellationToken))
        {
            errors[nameof(QuickReply.Title)] = $"There is already a quick reply titled \"{title}\".";
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        QuickReply? reply;
        if (input.Id is { } id)
        {
            reply = await set.FirstOrDefaultAsync(q => q.Id == id, cancellationToken);
            if (reply is null)
            {
                return new(null, new Dictionary<string, string> { [nameof(QuickReply.Id)] = "That quick reply was deleted." });
            }

            reply.Title = title;
            reply.Text = text;
        }
        else
        {
            reply = new QuickReply { Title = title, Text = text, CreatedAt = now };
            set.Add(reply);
        }

        reply.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return new(reply, new Dictionary<string, string>());
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Set<QuickReply>().Where(q => q.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }
}
