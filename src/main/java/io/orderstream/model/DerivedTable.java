package io.orderstream.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A table whose rows are derived from the winning events of the orders a batch changed. */
public interface DerivedTable {
  TableDef definition();

  /**
   * This batch's rows, exactly the columns of {@link #definition()}; dimensions may repeat keys.
   */
  Dataset<Row> rows(OrderContext context);
}
