package io.orderstream.store;

import io.delta.kernel.data.ColumnVector;
import java.sql.Timestamp;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Values between Delta Kernel and Spark rows, for the model's column types. Read: one value of a
 * Kernel column as the Java object a Spark row holds, so that code taking Spark rows (the export's
 * dialects, the sink's row rules) takes rows read by Kernel alike, and rows compare equal when
 * their values are. Write: a Spark row's value as the object a Kernel row holds.
 */
public final class KernelValues {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private KernelValues() {}

  public static Object get(ColumnVector vector, int row, DataType type) {
    if (vector.isNullAt(row)) {
      return null;
    } else if (type instanceof StringType) {
      return vector.getString(row);
    } else if (type instanceof LongType) {
      return vector.getLong(row);
    } else if (type instanceof IntegerType) {
      return vector.getInt(row);
    } else if (type instanceof DecimalType) {
      return vector.getDecimal(row);
    } else if (type instanceof BooleanType) {
      return vector.getBoolean(row);
    } else if (type instanceof TimestampType) {
      return timestamp(vector.getLong(row));
    }
    throw new IllegalArgumentException("no exported value for column type " + type.sql());
  }

  /**
   * The object a Kernel {@code GenericRow} holds for a Spark row's value: the same object, except
   * an instant, which Kernel keeps as microseconds since the epoch.
   */
  public static Object toKernel(Object value) {
    if (value instanceof Timestamp timestamp) {
      return Math.multiplyExact(Math.floorDiv(timestamp.getTime(), 1000L), MICROS_PER_SECOND)
          + timestamp.getNanos() / 1000;
    }
    return value;
  }

  /** Kernel gives an instant as microseconds since the epoch (UTC). */
  public static Timestamp timestamp(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    Timestamp timestamp = new Timestamp(seconds * 1000);
    timestamp.setNanos((int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    return timestamp;
  }
}
