package io.orderstream.export;

import io.orderstream.model.ColumnDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * Applies one table's {@link TableChanges} inside the caller's transaction: a reload first deletes
 * every row, deletes go by key, upserts are {@code INSERT ... ON CONFLICT (key) DO UPDATE}. Rows go
 * in JDBC batches of {@value #BATCH}; a reload's stream from Spark partition by partition.
 */
final class RowWriter {
  static final int BATCH = 1000;

  private final Dialect dialect;
  private final Connection connection;

  RowWriter(Dialect dialect, Connection connection) {
    this.dialect = dialect;
    this.connection = connection;
  }

  /** Applies the changes; returns the rows upserted and deleted. */
  AppliedChanges apply(TableChanges changes) throws SQLException {
    ExportedTable table = changes.table();
    long deleted =
        changes.reload() ? deleteAll(table) : deleteKeys(table, changes.deletes().open());
    long upserted = upsert(table, changes.upserts().open());
    return new AppliedChanges(table.name(), upserted, deleted, changes.reload());
  }

  private long deleteAll(ExportedTable table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate("DELETE FROM " + table.name());
    }
  }

  private long deleteKeys(ExportedTable table, Iterator<Row> keys) throws SQLException {
    DataType keyType =
        table.columns().stream()
            .filter(c -> c.name().equals(table.key()))
            .findFirst()
            .orElseThrow()
            .type();
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + table.name() + " WHERE " + table.key() + " = ?")) {
      return inBatches(delete, keys, row -> dialect.bind(delete, 1, keyType, row.get(0)));
    }
  }

  private long upsert(ExportedTable table, Iterator<Row> rows) throws SQLException {
    List<ColumnDef> columns = table.columns();
    try (PreparedStatement upsert = connection.prepareStatement(upsertSql(table))) {
      return inBatches(
          upsert,
          rows,
          row -> {
            for (int i = 0; i < columns.size(); i++) {
              dialect.bind(upsert, i + 1, columns.get(i).type(), row.get(i));
            }
          });
    }
  }

  static String upsertSql(ExportedTable table) {
    List<String> names = table.columnNames();
    return "INSERT INTO "
        + table.name()
        + " ("
        + String.join(", ", names)
        + ") VALUES ("
        + names.stream().map(n -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT ("
        + table.key()
        + ") DO UPDATE SET "
        + names.stream()
            .filter(n -> !n.equals(table.key()))
            .map(n -> n + " = excluded." + n)
            .collect(Collectors.joining(", "));
  }

  private static long inBatches(PreparedStatement statement, Iterator<Row> rows, Binder binder)
      throws SQLException {
    long count = 0;
    while (rows.hasNext()) {
      binder.bind(rows.next());
      statement.addBatch();
      if (++count % BATCH == 0) {
        statement.executeBatch();
      }
    }
    if (count % BATCH != 0) {
      statement.executeBatch();
    }
    return count;
  }

  @FunctionalInterface
  private interface Binder {
    void bind(Row row) throws SQLException;
  }
}
