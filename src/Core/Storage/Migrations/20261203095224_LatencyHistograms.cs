using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    Bucket = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
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
            migrationBuilder.Sql(Reports.LatencyHistogram.BackfillSql(postgreSql: false));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LatencyBuckets");
        }
    }
}
