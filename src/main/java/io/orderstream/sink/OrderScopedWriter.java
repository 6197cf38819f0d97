package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.orderstream.model.CollectedTables;
import io.orderstream.model.Lineage;
import io.orderstream.model.StatusHistory;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Makes the rows of each changed order equal to what its winning event says (or, for a status
 * history, what all its events say), in one commit.
 *
 * <p>The MERGE source is the new rows plus a delete marker for every stored row of those orders
 * that the new rows no longer contain (a line or shipment a newer event dropped). Only the changed
 * orders' rows are touched, and only files within the batch's {@link TouchedRange} are read.
 */
final class OrderScopedWriter {
  private static final String DELETE = "_delete";

  PreparedMerge prepare(TableDef table, CollectedTables.Rows rows) {
    return new PreparedMerge(table.name(), rows.rows(), rows.schema());
  }

  /**
   * @param changedOrders ids of the orders whose winning event changed in this batch
   */
  MergeMetrics apply(
      TableDef table,
      PreparedMerge prepared,
      List<Object> changedOrders,
      TouchedRange range,
      String path,
      BatchTransaction txn,
      SparkSession session,
      DriverWrite driver) {
    Optional<MergeMetrics> small =
        driver.apply(table, path, txn, rule(table, prepared, changedOrders, range));
    if (small.isPresent()) {
      return small.get();
    }
    String key = table.key();
    Dataset<Row> fresh = prepared.in(session);
    List<Row> dropped =
        session
            .read()
            .format("delta")
            .load(path)
            .where(
                range.covers(spanColumn(table)).and(col("order_id").isin(changedOrders.toArray())))
            .select(col(key))
            .join(fresh.select(col(key)), key, "left_anti")
            .collectAsList();
    if (prepared.isEmpty() && dropped.isEmpty()) {
      return MergeMetrics.NONE;
    }
    Dataset<Row> source =
        fresh
            .withColumn(DELETE, lit(false))
            .unionByName(
                session
                    .createDataFrame(new ArrayList<>(dropped), fresh.select(col(key)).schema())
                    .withColumn(DELETE, lit(true)),
                true);
    return txn.run(
        session,
        () ->
            MergeMetrics.of(
                DeltaTable.forPath(session, path)
                    .as("t")
                    .merge(
                        source.as("s"),
                        range
                            .covers("t." + spanColumn(table))
                            .and(col("t." + key).equalTo(col("s." + key))))
                    .whenMatched(col("s." + DELETE))
                    .delete()
                    .whenMatched()
                    .update(assignments(table))
                    .whenNotMatched(col("s." + DELETE).equalTo(false))
                    .insert(assignments(table))
                    .execute()));
  }

  /**
   * The MERGE above, row by row on the driver: every stored row of a changed order (or with a key
   * the batch writes) within the span goes, and the batch's rows arrive.
   */
  static DriverWrite.RowRule rule(
      TableDef table, PreparedMerge prepared, List<Object> changedOrders, TouchedRange range) {
    List<Row> fresh = prepared.inTableOrder(table);
    Set<Object> freshKeys = new HashSet<>();
    fresh.forEach(row -> freshKeys.add(row.getAs(table.key())));
    Set<Object> orders = new HashSet<>(changedOrders);
    String span = spanColumn(table);
    return new DriverWrite.RowRule(
        Optional.of(range.kernelFilter(span)),
        stored ->
            range.contains(stored.getAs(span))
                && (orders.contains(stored.getAs("order_id"))
                    || freshKeys.contains(stored.getAs(table.key()))),
        concerned -> {
          long updated = freshKeys.stream().filter(concerned::containsKey).count();
          long deleted = concerned.keySet().stream().filter(k -> !freshKeys.contains(k)).count();
          return new DriverWrite.Plan(
              concerned.keySet(),
              fresh,
              new MergeMetrics(fresh.size() - updated, updated, deleted));
        },
        Set.of("order_id", span));
  }

  /**
   * The column whose value every stored row of an order shares, bounded by the batch's {@link
   * TouchedRange}: the lineage instant (the order's winner's) in the tables derived from the
   * winner; the order's newest instant in the status histories, whose rows come from many events.
   */
  static String spanColumn(TableDef table) {
    return table.kind() == TableKind.STATUS_HISTORY
        ? StatusHistory.ORDER_UPDATED_AT
        : Lineage.UPDATED_AT;
  }

  private static Map<String, Column> assignments(TableDef table) {
    Map<String, Column> set = new LinkedHashMap<>();
    table.columnNames().forEach(name -> set.put(name, col("s." + name)));
    return set;
  }
}
