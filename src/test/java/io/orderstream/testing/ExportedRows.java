package io.orderstream.testing;

import io.orderstream.export.ExportedTable;
import io.orderstream.model.ColumnDef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.TimestampType;

/**
 * The exported tables' rows, from a database or from Delta at given versions, in one comparable
 * form: per table, sorted lines of canonical values (decimals at the model's scale, instants in UTC
 * ISO-8601, null as {@code null}). Equal maps mean equal tables, row for row.
 */
public final class ExportedRows {
  private ExportedRows() {}

  /** What the database holds. */
  public static Map<String, List<String>> ofDatabase(
      String url, String user, String password, List<ExportedTable> tables) throws SQLException {
    Map<String, List<String>> rows = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      for (ExportedTable table : tables) {
        List<String> lines = new ArrayList<>();
        try (ResultSet result =
            statement.executeQuery(
                "SELECT " + String.join(", ", table.columnNames()) + " FROM " + table.name())) {
          while (result.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
              values.add(fromDatabase(result, i + 1, table.columns().get(i).type()));
            }
            lines.add(String.join("|", values));
          }
        }
        rows.put(table.name(), lines.stream().sorted().toList());
      }
    }
    return rows;
  }

  /** What Delta holds at {@code versions} (a manifest's). */
  public static Map<String, List<String>> ofDelta(
      SparkSession spark,
      String tablesLocation,
      Map<String, Long> versions,
      List<ExportedTable> tables) {
    Map<String, List<String>> rows = new TreeMap<>();
    for (ExportedTable table : tables) {
      List<ColumnDef> columns = table.columns();
      List<Row> delta =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", versions.get(table.name()))
              .load(tablesLocation + "/" + table.name())
              .selectExpr(table.columnNames().toArray(String[]::new))
              .collectAsList();
      List<String> lines = new ArrayList<>();
      for (Row row : delta) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
          values.add(canonical(row.get(i), columns.get(i).type()));
        }
        lines.add(String.join("|", values));
      }
      rows.put(table.name(), lines.stream().sorted().toList());
    }
    return rows;
  }

  private static String fromDatabase(ResultSet result, int index, DataType type)
      throws SQLException {
    Object value;
    if (type instanceof TimestampType) {
      boolean postgres =
          result
              .getStatement()
              .getConnection()
              .getMetaData()
              .getURL()
              .startsWith("jdbc:postgresql:");
      value =
          postgres
              ? toInstant(result.getObject(index, OffsetDateTime.class))
              : toInstant(result.getString(index));
    } else if (type instanceof LongType) {
      value = result.getLong(index);
    } else if (type instanceof DecimalType) {
      value = result.getBigDecimal(index);
    } else if (type instanceof BooleanType) {
      value = result.getBoolean(index);
    } else {
      value = result.getString(index);
    }
    return result.wasNull() ? "null" : canonical(value, type);
  }

  private static Instant toInstant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static Instant toInstant(String text) {
    return text == null ? null : Instant.parse(text);
  }

  private static String canonical(Object value, DataType type) {
    if (value == null) {
      return "null";
    } else if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant().toString();
    } else if (type instanceof DecimalType decimal) {
      return ((BigDecimal) value).setScale(decimal.scale(), RoundingMode.HALF_EVEN).toPlainString();
    }
    return value.toString();
  }
}
