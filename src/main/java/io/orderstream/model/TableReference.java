package io.orderstream.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the reference of every output table ({@code docs/tables.md}) from {@link Tables#all()},
 * so the documentation is generated from the same definitions the sink creates and writes, and a
 * test can tell when the committed file is stale.
 */
public final class TableReference {
  /** Regenerates {@code docs/tables.md}; run it in the project folder. */
  public static final String REGENERATE_COMMAND =
      "mvn -q -B package -DskipTests && java -cp \"target/orderstream.jar:target/lib/*\" "
          + TableReference.class.getName()
          + " docs/tables.md";

  private TableReference() {}

  /** Writes {@link #markdown()} to the one path given. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException(
          "Cannot write the table reference: expected one argument, the output file (such as docs/tables.md), got "
              + args.length);
    }
    Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
  }

  public static String markdown() {
    return markdown(Tables.all());
  }

  /** How keys are built, the one rule every table's key follows. */
  private static final String KEYS =
      "Keys (key format "
          + Keys.FORMAT
          + ", recorded on every table as the Delta property `"
          + Keys.FORMAT_PROPERTY
          + "`):"
          + " text keys join their parts with `:` after escaping each part (`\\` becomes `\\\\`, `:` becomes `\\:`), so"
          + " they are unique whatever characters the ids hold, and ids without those two characters read as before"
          + " (`ORD1:SKU-9`; the second line of the same item `ORD1:SKU-9:2`; order `A:B` with item `C` is `A\\:B:C`)."
          + " Hashed keys are 64-bit xxHash64 over the parts as separate values, a repeat's number added as one more"
          + " part. `order_item` and `order_promotion` tables written by an earlier release (no property) are re-keyed"
          + " in place at start (one Delta UPDATE each, then the property is set).\n";

  /** After the meaning of a column {@code personal-columns} applies to. */
  private static final String PERSONAL =
      "; personal: a keyed hash or null with `personal-columns` (docs/operations.md)";

  /** The reference of {@code tables}; foreign keys must point at tables of the list. */
  static String markdown(List<TableDef> tables) {
    StringBuilder out = new StringBuilder();
    out.append("# Table reference\n\n")
        .append(
            "Generated from the table definitions (`io.orderstream.model.Tables`): do not edit by hand.\n")
        .append("Regenerate with `")
        .append(REGENERATE_COMMAND)
        .append("`.\n\n")
        .append("Tables: ")
        .append(
            tables.stream()
                .map(t -> "[" + t.name() + "](#" + t.name() + ")")
                .collect(Collectors.joining(", ")))
        .append(".\n\n")
        .append(KEYS)
        .append("\n## Entity-relationship diagram\n\n")
        .append(
            "Keys (PK) and foreign keys (FK); every column is listed in the table sections below.\n\n")
        .append(EntityDiagram.mermaid(tables));
    tables.forEach(table -> appendTable(out, table, tables));
    out.append("\n# Operational tables\n\n")
        .append(
            "Written next to the others, about the pipeline rather than the events: not in the"
                + " manifests, the diagram or `check --same-as`.\n");
    Tables.OPERATIONAL.forEach(table -> appendTable(out, table, tables));
    return out.toString();
  }

  private static void appendTable(StringBuilder out, TableDef table, List<TableDef> tables) {
    out.append("\n## ")
        .append(table.name())
        .append("\n\n")
        .append(cell(table.comment()))
        .append("\n\n")
        .append("- Kind: `")
        .append(table.kind())
        .append("`: ")
        .append(maintenance(table.kind()))
        .append("\n")
        .append("- Key: `")
        .append(table.key())
        .append("`\n\n")
        .append("| column | type | meaning | from |\n")
        .append("|---|---|---|---|\n");
    for (ColumnDef column : table.columns()) {
      out.append("| `")
          .append(column.name())
          .append("` | `")
          .append(column.type().sql())
          .append("` | ")
          .append(cell(column.comment()))
          .append(column.personal() ? PERSONAL : "")
          .append(" | ")
          .append(column.source().isEmpty() ? "(pipeline)" : cell(column.source()))
          .append(" |\n");
    }
    appendForeignKeys(out, table, tables);
    if (table.name().equals(OrderItemStatusHistoryTable.NAME)) {
      out.append(STATUS_HISTORY_NOTES);
    }
  }

  /** How the histories are made and read, once, after the second of them. */
  private static final String STATUS_HISTORY_NOTES =
      """

      ### Reading the status histories

      Both histories are in event time (`dat_atui`), whatever order the events arrived in: events \
      of an order are ordered by the winning-event rule; at one instant (to the microsecond) only \
      the tie's winner counts, so no period has zero length; consecutive events with the same \
      status make one period, which carries the lineage of the event that started it; a line that \
      a newer event no longer has ends at that event's instant. A late event inside a period \
      splits it; one with the period's own status changes nothing. The current period \
      (`valid_to IS NULL`) always has the status `order_item` shows.

      Time each line spent in each status, in hours (the current period counts up to now):

      ```sql
      %s
      ```

      Orders that were `PAID` at a given instant: `SELECT order_id FROM order_status_history WHERE \
      status = 'PAID' AND valid_from <= '2024-07-04 12:00' AND (valid_to IS NULL OR valid_to > \
      '2024-07-04 12:00')`.
      """
          .formatted(
              StatusHistory.TIME_PER_STATUS_SQL
                  .formatted("delta.`/data/warehouse/order_item_status_history`")
                  .replace("\n", "\n"));

  private static String maintenance(TableKind kind) {
    return switch (kind) {
      case DIMENSION -> "upserted; the latest winning event's values win; rows are never deleted";
      case ORDER_SCOPED -> "an order's rows are replaced by exactly what its winning event says";
      case LATEST_EVENT -> "one row per order, replaced when a newer event wins";
      case EVENT_LOG -> "append-only; an event already stored is not stored again";
      case STATUS_HISTORY ->
          "an order's rows are recomputed from all its stored events whenever one of them is new";
      case QUARANTINE -> "append-only";
      case BATCH_LOG -> "append-only, one row per committed batch; in no manifest";
    };
  }

  private static void appendForeignKeys(StringBuilder out, TableDef table, List<TableDef> tables) {
    if (table.foreignKeys().isEmpty()) {
      out.append("\nForeign keys: none.\n");
      return;
    }
    out.append("\nForeign keys:\n\n");
    for (ForeignKey fk : table.foreignKeys()) {
      out.append("- `")
          .append(fk.column())
          .append("` references `")
          .append(fk.table())
          .append('.')
          .append(keyOf(fk.table(), tables))
          .append("`\n");
    }
  }

  private static String keyOf(String tableName, List<TableDef> tables) {
    return tables.stream()
        .filter(t -> t.name().equals(tableName))
        .map(TableDef::key)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Cannot document a foreign key to table '"
                        + tableName
                        + "': no such table among "
                        + tables.stream().map(TableDef::name).toList()));
  }

  /** Table cells and lines cannot hold a pipe or a line break. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
