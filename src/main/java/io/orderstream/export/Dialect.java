package io.orderstream.export;

import io.orderstream.error.Errors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * What differs between the databases the export writes: column types, how a column's type reads
 * back from the catalog, comments, connection properties and how a step's transaction starts. The
 * statements themselves ({@link SchemaDdl}, {@link RowWriter}) are shared: both databases take
 * {@code INSERT ... ON CONFLICT (key) DO UPDATE} and deferrable foreign keys.
 */
interface Dialect {
  /** The column type in DDL: the same for both databases but for instants. */
  default String sqlType(DataType type) {
    if (type instanceof StringType) {
      return "TEXT";
    } else if (type instanceof LongType) {
      return "BIGINT";
    } else if (type instanceof IntegerType) {
      return "INTEGER";
    } else if (type instanceof DecimalType decimal) {
      return "NUMERIC(" + decimal.precision() + "," + decimal.scale() + ")";
    } else if (type instanceof TimestampType) {
      return instantType();
    } else if (type instanceof BooleanType) {
      return "BOOLEAN";
    }
    throw new IllegalArgumentException(
        "no " + getClass().getSimpleName() + " column type for " + type.sql());
  }

  /** The column type of an instant. */
  String instantType();

  /** The type as {@link #columnsOf} reports it for a column created with {@link #sqlType}. */
  String catalogType(DataType type);

  /** Statements that attach the table's and its columns' comments, run after CREATE TABLE. */
  List<String> commentStatements(ExportedTable table);

  /** Text put inside CREATE TABLE after a column definition (SQLite keeps it in its catalog). */
  String inlineComment(String comment);

  /**
   * The columns of a table as the database has them, by name; empty when the table does not exist.
   */
  Map<String, CatalogColumn> columnsOf(Connection connection, String table) throws SQLException;

  /** Driver properties: credentials and the time limits that keep a dead server from hanging us. */
  Properties connectionProperties(String user, String password);

  /**
   * Runs first in each step's transaction: makes concurrent exporters wait for one another and
   * defers foreign-key checks to the commit.
   */
  void beginStep(Connection connection) throws SQLException;

  /** Binds one value (a Spark row's field, possibly null) as the column's type. */
  void bind(PreparedStatement statement, int index, DataType type, Object value)
      throws SQLException;

  /** One column as the database catalog reports it. */
  record CatalogColumn(String name, String type, boolean notNull) {}

  /** The dialect of a JDBC URL; anything but PostgreSQL or SQLite is a usage error. */
  static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    if (jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    throw Errors.invalidSetting(
        "--jdbc-url",
        JdbcUrls.redacted(jdbcUrl),
        "jdbc:postgresql://HOST:PORT/DATABASE or jdbc:sqlite:FILE");
  }
}
