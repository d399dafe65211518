using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.PostgreSql.Migrations
{
    /// <summary>
    /// Statistics on lower("Text"), the expression the message log's text search matches with LIKE: without them
    /// PostgreSQL guesses that a word is in a handful of messages, and for a word in most of them scans and sorts the
    /// whole table (0.5 s at 1M) instead of reading the newest few by the time index (under 1 ms). Not part of EF
    /// Core's model, so written here. ANALYZE fills them now on a database that has messages, rather than at
    /// autovacuum's next pass (it samples: about a second whatever the table's size); never on an empty one, where it
    /// would record "no rows" and the writer's prepared lookups would be planned as scans of an empty table until
    /// autovacuum analyzes again (PostgreSqlStatementPlanTests).
    /// </summary>
    public partial class MessageTextStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE STATISTICS "ST_Messages_LowerText" ON (lower("Text")) FROM "Messages";""");
            migrationBuilder.Sql("""DO $$ BEGIN IF EXISTS (SELECT 1 FROM "Messages") THEN ANALYZE "Messages"; END IF; END $$;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP STATISTICS "ST_Messages_LowerText";""");
        }
    }
}
