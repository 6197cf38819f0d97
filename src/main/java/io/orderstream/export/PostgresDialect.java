package io.orderstream.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.TimestampType;

/**
 * PostgreSQL: instants as {@code TIMESTAMPTZ}, comments with {@code COMMENT ON}, tables in the
 * connection's current schema. A step locks the export-state table first, so two exporters of one
 * database run their steps one after the other instead of applying the same changes twice.
 */
final class PostgresDialect implements Dialect {
  /**
   * Seconds to open a connection and log in; a server that does not answer fails well within 30 s.
   */
  static final String TIMEOUT_SECONDS = "10";

  @Override
  public String instantType() {
    return "TIMESTAMPTZ";
  }

  @Override
  public String catalogType(DataType type) {
    return switch (sqlType(type)) {
      case "BIGINT" -> "int8";
      case "INTEGER" -> "int4";
      case "TIMESTAMPTZ" -> "timestamptz";
      case "BOOLEAN" -> "bool";
      default -> sqlType(type).toLowerCase(java.util.Locale.ROOT);
    };
  }

  @Override
  public List<String> commentStatements(ExportedTable table) {
    List<String> statements = new ArrayList<>();
    statements.add(
        "COMMENT ON TABLE " + table.name() + " IS " + quoted(table.definition().comment()));
    table
        .columns()
        .forEach(
            c ->
                statements.add(
                    "COMMENT ON COLUMN "
                        + table.name()
                        + "."
                        + c.name()
                        + " IS "
                        + quoted(c.fullComment())));
    return statements;
  }

  @Override
  public String inlineComment(String comment) {
    return "";
  }

  @Override
  public Map<String, CatalogColumn> columnsOf(Connection connection, String table)
      throws SQLException {
    Map<String, CatalogColumn> columns = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT column_name, udt_name, numeric_precision, numeric_scale, is_nullable"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " ORDER BY ordinal_position")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          String type = rows.getString(2);
          if (type.equals("numeric")) {
            type += "(" + rows.getInt(3) + "," + rows.getInt(4) + ")";
          }
          columns.put(
              rows.getString(1),
              new CatalogColumn(rows.getString(1), type, rows.getString(5).equals("NO")));
        }
      }
    }
    return columns;
  }

  @Override
  public Properties connectionProperties(String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", TIMEOUT_SECONDS);
    properties.setProperty("loginTimeout", TIMEOUT_SECONDS);
    properties.setProperty("ApplicationName", "orderstream-export");
    // JDBC batches of upserts go to the server as multi-row statements: far fewer round trips.
    properties.setProperty("reWriteBatchedInserts", "true");
    return properties;
  }

  @Override
  public void beginStep(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOCK TABLE " + ExportState.TABLE + " IN SHARE ROW EXCLUSIVE MODE");
      statement.execute("SET CONSTRAINTS ALL DEFERRED");
    }
  }

  @Override
  public void bind(PreparedStatement statement, int index, DataType type, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, sqlTypeCode(type));
    } else if (type instanceof TimestampType) {
      statement.setObject(
          index, OffsetDateTime.ofInstant(((Timestamp) value).toInstant(), ZoneOffset.UTC));
    } else {
      statement.setObject(index, value);
    }
  }

  private static int sqlTypeCode(DataType type) {
    if (type instanceof LongType) {
      return Types.BIGINT;
    } else if (type instanceof org.apache.spark.sql.types.IntegerType) {
      return Types.INTEGER;
    } else if (type instanceof DecimalType) {
      return Types.NUMERIC;
    } else if (type instanceof TimestampType) {
      return Types.TIMESTAMP_WITH_TIMEZONE;
    } else if (type instanceof BooleanType) {
      return Types.BOOLEAN;
    }
    return Types.VARCHAR;
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
