package io.orderstream.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.TimestampType;

/**
 * SQLite: a file any SQLite browser opens and draws. SQLite has no instant type, so instants are
 * ISO-8601 UTC text with microseconds ({@code 2024-07-08T18:03:26.260000Z}), which sorts in time
 * order and which SQLite's date functions read. Decimals get NUMERIC affinity: SQLite keeps them as
 * 8-byte floats, exact to 15 significant digits. There is no {@code COMMENT ON}: comments are SQL
 * comments inside CREATE TABLE, which SQLite keeps in {@code sqlite_schema} and browsers show.
 */
final class SqliteDialect implements Dialect {
  static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Milliseconds a step waits for another exporter's transaction before failing. */
  private static final String BUSY_TIMEOUT_MILLIS = "10000";

  @Override
  public String instantType() {
    return "TIMESTAMP";
  }

  @Override
  public String catalogType(DataType type) {
    return sqlType(type);
  }

  @Override
  public List<String> commentStatements(ExportedTable table) {
    return List.of();
  }

  @Override
  public String inlineComment(String comment) {
    return " -- " + comment.replace('\n', ' ');
  }

  @Override
  public Map<String, CatalogColumn> columnsOf(Connection connection, String table)
      throws SQLException {
    Map<String, CatalogColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT name, type, \"notnull\" FROM pragma_table_info(?) ORDER BY cid")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          columns.put(
              rows.getString(1),
              new CatalogColumn(
                  rows.getString(1),
                  rows.getString(2).toUpperCase(Locale.ROOT),
                  rows.getInt(3) == 1));
        }
      }
    }
    return columns;
  }

  @Override
  public Properties connectionProperties(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("foreign_keys", "true");
    properties.setProperty("busy_timeout", BUSY_TIMEOUT_MILLIS);
    // BEGIN IMMEDIATE: a step takes the write lock before it reads the export state, so two
    // exporters cannot both start from the same state.
    properties.setProperty("transaction_mode", "IMMEDIATE");
    return properties;
  }

  @Override
  public void beginStep(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // Reset at every commit, so set in every transaction: rows may arrive before the rows they
      // reference.
      statement.execute("PRAGMA defer_foreign_keys = ON");
      try (ResultSet enforced = statement.executeQuery("PRAGMA foreign_keys")) {
        if (!enforced.next() || enforced.getInt(1) != 1) {
          throw new SQLException("foreign keys are not enforced on this SQLite connection");
        }
      }
    }
  }

  @Override
  public void bind(PreparedStatement statement, int index, DataType type, Object value)
      throws SQLException {
    if (value == null) {
      statement.setObject(index, null);
    } else if (type instanceof TimestampType) {
      statement.setString(index, INSTANT.format(((Timestamp) value).toInstant()));
    } else if (type instanceof BooleanType) {
      statement.setInt(index, ((Boolean) value) ? 1 : 0);
    } else {
      statement.setObject(index, value);
    }
  }
}
