package io.orderstream.export;

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
 * One value of a Delta Kernel column as the Java object a Spark row holds for the model's type, so
 * that {@link Dialect#bind} takes rows read by Kernel and by Spark alike, and rows read by Kernel
 * compare equal when their values are.
 */
final class KernelValues {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private KernelValues() {}

  static Object get(ColumnVector vector, int row, DataType type) {
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

  /** Kernel gives an instant as microseconds since the epoch (UTC). */
  static Timestamp timestamp(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    Timestamp timestamp = new Timestamp(seconds * 1000);
    timestamp.setNanos((int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    return timestamp;
  }
}
