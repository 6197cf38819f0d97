package io.orderstream.model;

import static org.apache.spark.sql.functions.col;

import io.orderstream.event.EventSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A batch's changed orders: one row per order whose winning event the batch changes, the event
 * parsed. The contract between change detection, which builds it ({@code pipeline.ChangedOrders}),
 * the derivation of every table from it ({@link TableDerivation}) and the sink, which bounds what
 * it rewrites by {@link #UPDATED_AT} and {@link #STORED_UPDATED_AT}.
 *
 * <p>Its columns are named here and nowhere else, and checked where the rows are wrapped: a change
 * on one side that the other does not follow fails at the first batch naming the column, not deep
 * inside a table's plan.
 */
public final class Winners {
  public static final String ORDER_ID = "order_id";

  /** The winning event's instant, to the microsecond. */
  public static final String UPDATED_AT = "updated_at";

  /** The nanoseconds of the instant below {@link #UPDATED_AT}'s microsecond, 0-999. */
  public static final String UPDATED_AT_NANOS = "updated_at_nanos";

  public static final String VERSION = "version";
  public static final String EVENT_HASH = "event_hash";

  /** The event as it arrived. */
  public static final String RAW = "raw";

  /** The input the event came from. */
  public static final String SOURCE = "source";

  /**
   * The instant of the winner stored before this batch; null for an order the tables do not hold
   * yet. With {@link #UPDATED_AT} it bounds where the order's stored rows can be.
   */
  public static final String STORED_UPDATED_AT = "stored_updated_at";

  /** The parsed event ({@link EventSchema#sparkType()}). */
  public static final String EVENT = "e";

  /** The columns and their types; nullability is not part of the contract. */
  public static final StructType SCHEMA =
      new StructType()
          .add(ORDER_ID, DataTypes.StringType)
          .add(UPDATED_AT, DataTypes.TimestampType)
          .add(UPDATED_AT_NANOS, DataTypes.IntegerType)
          .add(VERSION, DataTypes.LongType)
          .add(EVENT_HASH, DataTypes.StringType)
          .add(RAW, DataTypes.StringType)
          .add(SOURCE, DataTypes.StringType)
          .add(STORED_UPDATED_AT, DataTypes.TimestampType)
          .add(EVENT, EventSchema.sparkType());

  private final Dataset<Row> rows;

  private Winners(Dataset<Row> rows) {
    this.rows = rows;
  }

  /**
   * The winners in {@code rows}, which must have {@link #SCHEMA}'s columns with its types (in any
   * order; other columns are dropped).
   *
   * @throws IllegalArgumentException naming every column that is missing or of another type
   */
  public static Winners of(Dataset<Row> rows) {
    StructType actual = rows.schema();
    List<String> problems = new ArrayList<>();
    for (StructField expected : SCHEMA.fields()) {
      if (!actual.getFieldIndex(expected.name()).isDefined()) {
        problems.add(expected.name() + " is missing");
        continue;
      }
      String type = actual.apply(expected.name()).dataType().catalogString();
      if (!type.equals(expected.dataType().catalogString())) {
        problems.add(
            expected.name() + " is " + type + ", not " + expected.dataType().catalogString());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "The batch's winners do not have the contract's columns: " + String.join("; ", problems));
    }
    return new Winners(
        rows.select(Arrays.stream(SCHEMA.fieldNames()).map(functions::col).toArray(Column[]::new)));
  }

  /** The rows, in {@link #SCHEMA}'s columns. */
  public Dataset<Row> rows() {
    return rows;
  }

  /** The same winners, kept in memory once computed: every table reads them. */
  public Winners persist() {
    return persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** The same winners, kept at {@code level} once computed. */
  public Winners persist(StorageLevel level) {
    return new Winners(rows.persist(level));
  }

  /** Frees what {@link #persist()} kept. */
  public void unpersist() {
    rows.unpersist();
  }

  /** Only the winners of the given orders. */
  public Winners ofOrders(Object... orderIds) {
    return new Winners(rows.where(col(ORDER_ID).isin(orderIds)));
  }
}
