package io.orderstream.store;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.math.BigDecimal;

/**
 * A Kernel column over Java values, for writing rows built on the driver: a long for BIGINT and for
 * TIMESTAMP (microseconds, see {@link KernelValues#toKernel}), an int, a string, a boolean or a
 * decimal; null for a null. Kernel's own row-based batch refuses to read a timestamp as a long,
 * which is how its Parquet writer asks for one.
 */
public final class ValuesVector implements ColumnVector {
  private final DataType type;
  private final Object[] values;

  public ValuesVector(DataType type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  @Override
  public DataType getDataType() {
    return type;
  }

  @Override
  public int getSize() {
    return values.length;
  }

  @Override
  public void close() {}

  @Override
  public boolean isNullAt(int row) {
    return values[row] == null;
  }

  @Override
  public boolean getBoolean(int row) {
    return (Boolean) values[row];
  }

  @Override
  public int getInt(int row) {
    return (Integer) values[row];
  }

  @Override
  public long getLong(int row) {
    return (Long) values[row];
  }

  @Override
  public String getString(int row) {
    return (String) values[row];
  }

  @Override
  public BigDecimal getDecimal(int row) {
    return (BigDecimal) values[row];
  }
}
