package io.orderstream.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns every {@link InputSource} streams, one row per input.
 *
 * <ul>
 *   <li>{@code source}: the input's name as the quarantine shows it (a file's path, an object's
 *       URI, {@code topic/partition/offset});
 *   <li>{@code content}: its bytes; null when it could not be read;
 *   <li>{@code problem}: null, or the reject reason code the input is quarantined with although it
 *       was never decoded ({@code vanished}, {@code too-large}, {@code empty});
 *   <li>{@code detail}: what went wrong, for the quarantine; null when {@code problem} is;
 *   <li>{@code arrived_at}: when the input arrived, as far as the source can tell: a file's or
 *       object's modification time, a Kafka record's timestamp; null when unknown. It feeds the
 *       batch log's {@code oldest_input_age_ms} and nothing in the tables.
 * </ul>
 */
public final class InputRows {
  public static final String SOURCE = "source";
  public static final String CONTENT = "content";
  public static final String PROBLEM = "problem";
  public static final String DETAIL = "detail";
  public static final String ARRIVED_AT = "arrived_at";

  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE, DataTypes.StringType, false)
          .add(CONTENT, DataTypes.BinaryType, true)
          .add(PROBLEM, DataTypes.StringType, true)
          .add(DETAIL, DataTypes.StringType, true)
          .add(ARRIVED_AT, DataTypes.TimestampType, true);

  private InputRows() {}

  /**
   * Input rows for contents that were all read: {@code source} and {@code content} as given, no
   * problem, no arrival time. For tools that read files themselves (the baseline, the benchmarks).
   */
  public static Dataset<Row> readable(Dataset<Row> sourceAndContent) {
    return sourceAndContent.select(
        col(SOURCE),
        col(CONTENT),
        lit(null).cast(DataTypes.StringType).as(PROBLEM),
        lit(null).cast(DataTypes.StringType).as(DETAIL),
        lit(null).cast(DataTypes.TimestampType).as(ARRIVED_AT));
  }
}
