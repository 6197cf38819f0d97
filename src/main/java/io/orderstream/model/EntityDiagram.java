package io.orderstream.model;

import java.util.List;
import java.util.Locale;

/**
 * The tables and their foreign keys as a Mermaid {@code erDiagram}, which the usual code hosts
 * render. Each entity lists its key and foreign-key columns; the table reference lists the rest.
 * Foreign-key columns may be null, so each relationship reads "zero or one" referenced row to "zero
 * or more" referencing rows, labelled with the column.
 */
final class EntityDiagram {
  private EntityDiagram() {}

  static String mermaid(List<TableDef> tables) {
    StringBuilder out = new StringBuilder("```mermaid\nerDiagram\n");
    for (TableDef table : tables) {
      for (ForeignKey fk : table.foreignKeys()) {
        out.append("  ")
            .append(fk.table())
            .append(" |o--o{ ")
            .append(table.name())
            .append(" : \"")
            .append(fk.column())
            .append("\"\n");
      }
    }
    for (TableDef table : tables) {
      out.append("  ").append(table.name()).append(" {\n");
      for (ColumnDef column : table.columns()) {
        String role = role(table, column.name());
        if (!role.isEmpty()) {
          out.append("    ")
              .append(typeName(column))
              .append(' ')
              .append(column.name())
              .append(' ')
              .append(role)
              .append('\n');
        }
      }
      out.append("  }\n");
    }
    return out.append("```\n").toString();
  }

  private static String role(TableDef table, String column) {
    if (column.equals(table.key())) {
      return "PK";
    }
    return table.foreignKeys().stream().anyMatch(fk -> fk.column().equals(column)) ? "FK" : "";
  }

  /** Mermaid attribute types are single words: DECIMAL(18,2) is shown as DECIMAL. */
  private static String typeName(ColumnDef column) {
    return column.type().sql().replaceAll("\\(.*", "").toLowerCase(Locale.ROOT);
  }
}
