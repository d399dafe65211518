using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Core.Storage.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class LatencyHistograms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LatencyBuckets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Dimension = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    Bucket = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LatencyBuckets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LatencyBuckets_Dimension_Day_Key_Stage_Bucket",
                table: "LatencyBuckets",
                columns: new[] { "Dimension", "Day", "Key", "Stage", "Bucket" },
                unique: true);

            // The history already stored, in the same transaction (ADR-014): from here on the writer keeps it.
            migrationBuilder.Sql(Reports.LatencyHistogram.BackfillSql(postgreSql: true));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LatencyBuckets");
        }
    }
}
