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
 *   <li>{@code detail}: what went wrong, for the quarantine; null when {@code problem} is.
 * </ul>
 */
public final class InputRows {
  public static final String SOURCE = "source";
  public static final String CONTENT = "content";
  public static final String PROBLEM = "problem";
  public static final String DETAIL = "detail";

  public static final StructType SCHEMA =
      new StructType()
          .add(SOURCE, DataTypes.StringType, false)
          .add(CONTENT, DataTypes.BinaryType, true)
          .add(PROBLEM, DataTypes.StringType, true)
          .add(DETAIL, DataTypes.StringType, true);

  private InputRows() {}

  /**
   * Input rows for contents that were all read: {@code source} and {@code content} as given, no
   * problem. For tools that read files themselves (the baseline, the benchmarks).
   */
  public static Dataset<Row> readable(Dataset<Row> sourceAndContent) {
    return sourceAndContent.select(
        col(SOURCE),
        col(CONTENT),
        lit(null).cast(DataTypes.StringType).as(PROBLEM),
        lit(null).cast(DataTypes.StringType).as(DETAIL));
  }
}
