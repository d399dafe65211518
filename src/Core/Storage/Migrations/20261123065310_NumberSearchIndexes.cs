using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Storage.Migrations
{
    /// <inheritdoc />
    public partial class NumberSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_FromNumber",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ToNumber",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_FromNumber_MessageTime",
                table: "Messages",
                columns: new[] { "FromNumber", "MessageTime" });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ToNumber_MessageTime",
                table: "Messages",
                columns: new[] { "ToNumber", "MessageTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_FromNumber_MessageTime",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ToNumber_MessageTime",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_FromNumber",
                table: "Messages",
                column: "FromNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ToNumber",
                table: "Messages",
                column: "ToNumber");
        }
    }
}
