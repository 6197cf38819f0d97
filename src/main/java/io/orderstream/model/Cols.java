package io.orderstream.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Short constructors for column definitions, so each table reads like its column list. */
final class Cols {
  static final DataType TEXT = DataTypes.StringType;
  static final DataType COUNT = DataTypes.LongType;
  static final DataType MONEY = io.orderstream.event.EventSchema.MONEY_TYPE;
  static final DataType INSTANT = DataTypes.TimestampType;

  /** Nanoseconds below a TIMESTAMP's microsecond, 0-999. */
  static final DataType NANOS = DataTypes.IntegerType;

  static final DataType KEY = DataTypes.LongType;

  private Cols() {}

  /** A column computed by a rule rather than copied from one field. */
  static ColumnDef derived(
      String name, DataType type, String comment, String rule, Column expression) {
    return new ColumnDef(name, type, comment, rule, expression);
  }
}
