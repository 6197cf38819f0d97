package io.orderstream.model;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Derives every table's rows from a batch's {@link Winners}: the nine derived tables in write
 * order, then {@code order_event_latest}. What the rows become (merged, overwritten) is the
 * caller's: the model derives, the sink writes.
 */
public final class TableDerivation {
  private TableDerivation() {}

  /**
   * Hands each table's rows to {@code take} while the order context they are projected from is
   * cached, and frees it after the last table: {@code take} must be done with the rows (collected
   * or written) when it returns.
   *
   * @param batchId the micro-batch writing the rows, recorded as lineage
   * @param personalData what the rows get in their personal columns
   * @return what {@code take} gave for each table, in write order, {@code order_event_latest} last
   */
  public static <T> Map<TableDef, T> derive(
      Winners winners,
      long batchId,
      PersonalDataMask personalData,
      BiFunction<TableDef, Dataset<Row>, T> take) {
    Map<TableDef, T> taken = new LinkedHashMap<>();
    OrderContext context = new OrderContext(winners, batchId, personalData);
    try {
      for (DerivedTable table : Tables.DERIVED) {
        taken.put(table.definition(), take.apply(table.definition(), table.rows(context)));
      }
    } finally {
      context.release();
    }
    taken.put(
        OrderEventLatestTable.DEFINITION,
        take.apply(OrderEventLatestTable.DEFINITION, OrderEventLatestTable.rows(winners, batchId)));
    return taken;
  }

  /**
   * Every table's rows, as {@link #derive} gives them, and the changed orders, brought to the
   * driver.
   *
   * <p>Why one job for a small batch: its rows are a few hundred, and each Spark job costs its
   * planning, scheduling and a pass over the cached winners whatever its size. Collecting the ten
   * tables one by one took 1.4 to 1.7 s of a warm 20-file batch on two cores. In one job every
   * table's rows become one struct column of a union, each branch filling its own column and
   * leaving the others null, and the rows are split by branch on the driver. A large batch keeps
   * one job per table: each table's tasks spread over every core, and no single job's result holds
   * every table's rows (Spark bounds a job's result by {@code spark.driver.maxResultSize}).
   *
   * @param batchId the micro-batch writing the rows, recorded as lineage
   * @param personalData what the rows get in their personal columns
   * @param oneJob whether the batch is small enough to collect every table in one job
   */
  public static CollectedTables collect(
      Winners winners, long batchId, PersonalDataMask personalData, boolean oneJob) {
    OrderContext context = new OrderContext(winners, batchId, personalData);
    try {
      List<TableDef> tables = new ArrayList<>();
      List<Dataset<Row>> parts = new ArrayList<>();
      for (DerivedTable table : Tables.DERIVED) {
        tables.add(table.definition());
        parts.add(table.rows(context));
      }
      tables.add(OrderEventLatestTable.DEFINITION);
      parts.add(OrderEventLatestTable.rows(winners, batchId));
      parts.add(
          winners
              .rows()
              .select(
                  winners.rows().col(Winners.ORDER_ID),
                  winners.rows().col(Winners.UPDATED_AT),
                  winners.rows().col(Winners.STORED_UPDATED_AT)));
      List<StructType> schemas = parts.stream().map(Dataset::schema).toList();
      List<List<Row>> rows =
          oneJob ? inOneJob(parts, schemas) : parts.stream().map(Dataset::collectAsList).toList();
      Map<TableDef, CollectedTables.Rows> collected = new LinkedHashMap<>();
      for (int i = 0; i < tables.size(); i++) {
        collected.put(tables.get(i), new CollectedTables.Rows(rows.get(i), schemas.get(i)));
      }
      List<CollectedTables.ChangedOrder> orders = new ArrayList<>();
      for (Row order : rows.get(tables.size())) {
        orders.add(
            new CollectedTables.ChangedOrder(
                order.getString(0), order.getTimestamp(1), order.getTimestamp(2)));
      }
      return new CollectedTables(collected, orders);
    } finally {
      context.release();
    }
  }

  /** Each part's rows, from one Spark job over their union. */
  private static List<List<Row>> inOneJob(List<Dataset<Row>> parts, List<StructType> schemas) {
    Dataset<Row> union = null;
    for (int i = 0; i < parts.size(); i++) {
      Dataset<Row> branch = parts.get(i).select(branchColumns(parts.get(i), i, schemas));
      union = union == null ? branch : union.union(branch);
    }
    List<List<Row>> rows = new ArrayList<>();
    parts.forEach(p -> rows.add(new ArrayList<>()));
    // Every task of a job deserializes the job's whole plan, and this one's is large (ten tables'
    // expressions over an event of ~100 nested fields): without this the union's tasks were one
    // per branch and partition of the winners, 48, most of their time spent deserializing. One
    // task per core reads every branch's partitions in turn.
    int tasks = union.sparkSession().sparkContext().defaultParallelism();
    for (Row row : union.coalesce(tasks).collectAsList()) {
      int branch = row.getInt(0);
      rows.get(branch).add(row.getStruct(branch + 1));
    }
    return rows;
  }

  /**
   * The branch's index, then one struct column per branch: this branch's rows in its own, null in
   * every other (cast to that branch's type, so the union's columns line up).
   */
  private static Column[] branchColumns(Dataset<Row> part, int index, List<StructType> schemas) {
    Column[] columns = new Column[schemas.size() + 1];
    columns[0] = lit(index).as("branch");
    for (int j = 0; j < schemas.size(); j++) {
      columns[j + 1] =
          (j == index
                  ? struct(Arrays.stream(part.columns()).map(part::col).toArray(Column[]::new))
                  : lit(null).cast(schemas.get(j)))
              .as("rows_" + j);
    }
    return columns;
  }
}
