using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class DailyFactsRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyTotals");

            migrationBuilder.CreateTable(
                name: "DailyFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Dimension = table.Column<int>(type: "INTEGER", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Messages = table.Column<long>(type: "INTEGER", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyFacts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyFacts_Dimension_Day_Key_Direction_State",
                table: "DailyFacts",
                columns: new[] { "Dimension", "Day", "Key", "Direction", "State" },
                unique: true);

            // Rebuild the rollup from the messages already stored, so existing databases keep their reports.
            foreach (var statement in Dashboard.Core.Reports.DailyFactBackfill.Statements())
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyFacts");

            migrationBuilder.CreateTable(
                name: "DailyTotals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationOrigin = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CountryIso2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Mcc = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Messages = table.Column<long>(type: "INTEGER", nullable: false),
                    Mnc = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    PowerpackUuid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Units = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyTotals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyTotals_Day_Direction_Type_State_CountryIso2_ErrorCode_Mcc_Mnc_ConversationOrigin_PowerpackUuid",
                table: "DailyTotals",
                columns: new[] { "Day", "Direction", "Type", "State", "CountryIso2", "ErrorCode", "Mcc", "Mnc", "ConversationOrigin", "PowerpackUuid" },
                unique: true);
        }
    }
}
