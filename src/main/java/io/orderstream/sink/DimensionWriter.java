package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import io.delta.tables.DeltaTable;
import io.orderstream.event.EventOrder;
import io.orderstream.model.Lineage;
import io.orderstream.model.TableDef;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Upserts a dimension: one row per key, the values of the latest winning event that names it.
 *
 * <p>Rows that are only references (complete = false) insert the key when it is new and never
 * overwrite attributes. The comparison uses the same rank as {@link EventOrder}, so the stored row
 * ends the same whatever order the events arrived in.
 */
final class DimensionWriter {

  MergeMetrics write(TableDef table, Dataset<Row> rows, String path, BatchTransaction txn) {
    Dataset<Row> onePerKey = bestPerKey(table, rows);
    Column sourceWins =
        col("s." + Lineage.COMPLETE)
            .and(not(col("t." + Lineage.COMPLETE)).or(rank("s").gt(rank("t"))));
    return txn.run(rows.sparkSession(), () -> MergeMetrics.of(
        DeltaTable.forPath(rows.sparkSession(), path).as("t")
            .merge(onePerKey.as("s"), col("t." + table.key()).equalTo(col("s." + table.key())))
            .whenMatched(sourceWins).updateAll()
            .whenNotMatched().insertAll()
            .execute()));
  }

  /** A MERGE source must not hold two rows for one key: keep the one that would win. */
  private static Dataset<Row> bestPerKey(TableDef table, Dataset<Row> rows) {
    Column[] all = Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new);
    Column rank = struct(col(Lineage.COMPLETE), rank(""));
    return rows.groupBy(col(table.key()))
        .agg(max_by(struct(all), rank).as("best"))
        .select(col("best.*"));
  }

  private static Column rank(String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return EventOrder.rank(col(prefix + Lineage.UPDATED_AT), col(prefix + Lineage.VERSION), col(prefix + Lineage.EVENT_HASH));
  }
}
