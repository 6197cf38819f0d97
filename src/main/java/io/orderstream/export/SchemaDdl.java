package io.orderstream.export;

import io.orderstream.model.ColumnDef;
import io.orderstream.model.ForeignKey;
import io.orderstream.model.TableDef;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE TABLE statements from the model's table definitions: the same columns, key, foreign keys
 * and comments the Delta tables have. Foreign keys are {@code DEFERRABLE INITIALLY DEFERRED} (both
 * databases take it): within a step a row may arrive before the row it references, and the database
 * checks every key at the commit.
 */
final class SchemaDdl {
  private final Dialect dialect;

  SchemaDdl(Dialect dialect) {
    this.dialect = dialect;
  }

  /** CREATE TABLE, then the dialect's comment statements. */
  List<String> create(ExportedTable table, List<ExportedTable> tables) {
    List<String> statements = new ArrayList<>();
    statements.add(createTable(table, tables));
    statements.addAll(dialect.commentStatements(table));
    return statements;
  }

  private String createTable(ExportedTable table, List<ExportedTable> tables) {
    List<String> parts = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    for (ColumnDef column : table.columns()) {
      parts.add(
          column.name()
              + " "
              + dialect.sqlType(column.type())
              + (column.name().equals(table.key()) ? " NOT NULL" : ""));
      comments.add(dialect.inlineComment(column.fullComment()));
    }
    parts.add("CONSTRAINT pk_" + table.name() + " PRIMARY KEY (" + table.key() + ")");
    comments.add("");
    for (ForeignKey fk : table.definition().foreignKeys()) {
      parts.add(
          "CONSTRAINT fk_"
              + table.name()
              + "_"
              + fk.column()
              + " FOREIGN KEY ("
              + fk.column()
              + ") REFERENCES "
              + fk.table()
              + " ("
              + keyOf(fk.table(), tables)
              + ") DEFERRABLE INITIALLY DEFERRED");
      comments.add("");
    }
    StringBuilder sql =
        new StringBuilder("CREATE TABLE ")
            .append(table.name())
            .append(" (")
            .append(dialect.inlineComment(table.definition().comment()))
            .append('\n');
    for (int i = 0; i < parts.size(); i++) {
      sql.append("  ")
          .append(parts.get(i))
          .append(i < parts.size() - 1 ? "," : "")
          .append(comments.get(i))
          .append('\n');
    }
    return sql.append(')').toString();
  }

  private static String keyOf(String tableName, List<ExportedTable> tables) {
    return tables.stream()
        .map(ExportedTable::definition)
        .filter(t -> t.name().equals(tableName))
        .map(TableDef::key)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "foreign key to " + tableName + ", which is not exported"));
  }
}
