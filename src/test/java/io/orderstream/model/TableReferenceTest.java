package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/tables.md is exactly what {@link TableReference} renders from the table definitions. */
class TableReferenceTest {
  private static final Path COMMITTED =
      Path.of("docs/tables.md"); // surefire runs in the project folder

  // --- the committed reference

  @Test
  void committedReferenceEqualsTheGeneratedOne() throws Exception {
    assertThat(COMMITTED)
        .as(
            "docs/tables.md is missing; generate it in the project folder with: %s",
            TableReference.REGENERATE_COMMAND)
        .exists();
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as(
            "docs/tables.md differs from the table definitions; regenerate it in the project folder with: %s",
            TableReference.REGENERATE_COMMAND)
        .isEqualTo(TableReference.markdown());
  }

  // --- rendering

  @Test
  void markdownHasOneSectionPerTableWithItsCommentKindAndKey() {
    String markdown = TableReference.markdown();

    for (TableDef table : Tables.all()) {
      assertThat(markdown)
          .as(table.name())
          .containsOnlyOnce(
              "\n## "
                  + table.name()
                  + "\n\n"
                  + table.comment()
                  + "\n\n- Kind: `"
                  + table.kind()
                  + "`")
          .contains("- Key: `" + table.key() + "`");
    }
  }

  @Test
  void markdownHasARowPerColumnWithItsSqlTypeMeaningAndSource() {
    String markdown = TableReference.markdown();

    assertThat(markdown)
        .contains(
            "| `summary_total` | `DECIMAL(18,2)` | order total | objt_des_rsum.vlr_totl_pedi |")
        .contains("| `item_quantity` | `BIGINT` | units ordered | list_item_pedi[].qtd_item_pedi |")
        .contains("| `updated_at` | `TIMESTAMP` | instant of the winning event | dat_atui |");
    for (TableDef table : Tables.all()) {
      for (ColumnDef column : table.columns()) {
        assertThat(markdown)
            .as("%s.%s", table.name(), column.name())
            .contains(
                "| `"
                    + column.name()
                    + "` | `"
                    + column.type().sql()
                    + "` | "
                    + column.comment().replace("|", "\\|")
                    + (column.personal() ? "; personal: " : " | "));
      }
    }
  }

  @Test
  void markdownMarksExactlyThePersonalColumns() {
    String markdown = TableReference.markdown();

    List<String> marked =
        markdown
            .lines()
            .filter(
                line -> line.contains("; personal: a keyed hash or null with `personal-columns`"))
            .map(line -> line.substring(3, line.indexOf('`', 3)))
            .toList();
    assertThat(marked)
        .containsExactly(
            "name",
            "email",
            "phone_area_code",
            "phone_country_code",
            "phone_number",
            "document",
            "receiver_name",
            "street");
  }

  @Test
  void markdownNamesTheReferencedKeyOfEveryForeignKey() {
    assertThat(TableReference.markdown())
        .contains("- `delivery_address_id` references `delivery_address.id`")
        .contains("- `customer_id` references `customer.id`")
        .contains("- `shipment_id` references `shipment.id`");
  }

  @Test
  void markdownHasAnEntityDiagramWithEveryTableKeyAndForeignKey() {
    String markdown = TableReference.markdown();

    assertThat(markdown).containsOnlyOnce("```mermaid\nerDiagram\n");
    for (TableDef table : Tables.all()) {
      assertThat(markdown)
          .as(table.name())
          .contains("\n  " + table.name() + " {\n")
          .contains(" " + table.key() + " PK\n");
      for (ForeignKey fk : table.foreignKeys()) {
        assertThat(markdown)
            .as("%s.%s", table.name(), fk.column())
            .contains(
                "\n  " + fk.table() + " |o--o{ " + table.name() + " : \"" + fk.column() + "\"\n")
            .contains(" " + fk.column() + " FK\n");
      }
    }
  }

  @Test
  void entityDiagramShowsDecimalsAsOneWord() {
    TableDef table =
        table(
            new ColumnDef(
                "amount",
                org.apache.spark.sql.types.DataTypes.createDecimalType(18, 2),
                "money",
                "",
                col("amount")));

    assertThat(TableReference.markdown(List.of(table))).contains("    decimal amount PK\n");
  }

  @Test
  void markdownOfASourcelessColumnSaysThePipelineSetsIt() {
    TableDef table =
        table(new ColumnDef("batch", DataTypes.LongType, "micro-batch", "", col("batch")));

    assertThat(TableReference.markdown(List.of(table)))
        .contains("| `batch` | `BIGINT` | micro-batch | (pipeline) |");
  }

  @Test
  void markdownEscapesPipesAndLineBreaksInCells() {
    TableDef table =
        table(new ColumnDef("id", DataTypes.StringType, "a | b\nc", "x || y", col("id")));

    assertThat(TableReference.markdown(List.of(table)))
        .contains("| `id` | `STRING` | a \\| b c | x \\|\\| y |");
  }

  @Test
  void markdownWithForeignKeyToAnUnknownTableFailsNamingIt() {
    TableDef table =
        new TableDef(
            "orphan",
            "t",
            TableKind.DIMENSION,
            "id",
            List.of(new ColumnDef("id", DataTypes.StringType, "id", "", col("id"))),
            List.of(new ForeignKey("id", "nowhere")));

    assertThatThrownBy(() -> TableReference.markdown(List.of(table)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nowhere'");
  }

  // --- main

  @Test
  void mainWritesTheReferenceToTheGivenPath(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("tables.md");

    TableReference.main(new String[] {out.toString()});

    assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(TableReference.markdown());
  }

  @Test
  void mainWithoutAPathFailsSayingWhatItExpects() {
    assertThatThrownBy(() -> TableReference.main(new String[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one argument, the output file");
  }

  private static TableDef table(ColumnDef column) {
    return new TableDef(
        "t", "test table", TableKind.QUARANTINE, column.name(), List.of(column), List.of());
  }
}
