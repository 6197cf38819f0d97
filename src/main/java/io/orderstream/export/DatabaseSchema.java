package io.orderstream.export;

import io.orderstream.error.Errors;
import io.orderstream.export.Dialect.CatalogColumn;
import io.orderstream.model.ColumnDef;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database's tables to the model before a step: creates the tables that are missing
 * (with the export state) and refuses tables that differ from the model, naming the table and
 * column, rather than writing rows into a shape nobody designed.
 */
final class DatabaseSchema {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseSchema.class);

  private final Dialect dialect;
  private final String url;

  DatabaseSchema(Dialect dialect, String url) {
    this.dialect = dialect;
    this.url = url;
  }

  /**
   * Verifies the existing tables, then creates the missing ones, in one transaction.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 2) when a table differs from the model
   */
  void prepare(Connection connection, List<ExportedTable> tables) throws SQLException {
    Set<String> missing = new HashSet<>();
    for (ExportedTable table : tables) {
      Map<String, CatalogColumn> columns = dialect.columnsOf(connection, table.name());
      if (columns.isEmpty()) {
        missing.add(table.name());
      } else {
        verify(table, columns);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(ExportState.createStatement());
      for (ExportedTable table : tables) {
        if (missing.contains(table.name())) {
          for (String sql : new SchemaDdl(dialect).create(table, tables)) {
            statement.execute(sql);
          }
          ExportState.forget(connection, table.name());
          LOG.info("Created table {} in {}", table.name(), JdbcUrls.redacted(url));
        }
      }
    }
    connection.commit();
  }

  private void verify(ExportedTable table, Map<String, CatalogColumn> actual) {
    for (ColumnDef column : table.columns()) {
      CatalogColumn found = actual.get(column.name());
      if (found == null) {
        throw drift(table, column.name(), "is missing");
      }
      String expected = dialect.catalogType(column.type());
      if (!found.type().equalsIgnoreCase(expected)) {
        throw drift(
            table, column.name(), "has type " + found.type() + " where the model has " + expected);
      }
      if (column.name().equals(table.key()) && !found.notNull()) {
        throw drift(table, column.name(), "is the key but allows NULL");
      }
    }
    for (String name : actual.keySet()) {
      if (!table.columnNames().contains(name)) {
        throw drift(table, name, "is not in the model");
      }
    }
  }

  private RuntimeException drift(ExportedTable table, String column, String detail) {
    return Errors.schemaDrift(JdbcUrls.redacted(url), table.name(), column, detail);
  }
}
