package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;

import io.delta.tables.DeltaTable;
import io.orderstream.event.EventOrder;
import io.orderstream.model.CollectedTables;
import io.orderstream.model.Lineage;
import io.orderstream.model.TableDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
 * Upserts a dimension: one row per key, the values of the latest winning event that names it.
 *
 * <p>Rows that are only references (complete = false) insert the key when it is new and never
 * overwrite attributes. The comparison uses the same rank as {@link EventOrder}, so the stored row
 * ends the same whatever order the events arrived in.
 */
public final class DimensionWriter {

  /** Reduces the batch's rows to one per key: a MERGE source must not repeat a key. */
  PreparedMerge prepare(TableDef table, CollectedTables.Rows rows) {
    return new PreparedMerge(table.name(), onePerKey(table, rows.rows()), rows.schema());
  }

  /**
   * {@link #onePerKey(TableDef, Dataset)} on the driver: of the rows with one key, the complete one
   * of the highest rank. Two rows of the same rank come from the same event; the first one is kept
   * (Spark's {@code max_by} keeps either).
   */
  static List<Row> onePerKey(TableDef table, List<Row> rows) {
    Map<Object, Row> kept = new LinkedHashMap<>();
    for (Row row : rows) {
      kept.merge(
          row.getAs(table.key()), row, (old, candidate) -> keeps(candidate, old) ? candidate : old);
    }
    return new ArrayList<>(kept.values());
  }

  /** Whether {@code candidate} ranks above {@code kept}: complete first, then the event's rank. */
  private static boolean keeps(Row candidate, Row kept) {
    int complete =
        Comparator.<Boolean>nullsFirst(Comparator.naturalOrder())
            .compare(candidate.getAs(Lineage.COMPLETE), kept.getAs(Lineage.COMPLETE));
    return complete != 0 ? complete > 0 : rankOf(candidate).compareTo(rankOf(kept)) > 0;
  }

  /** The row each key keeps: complete rows before references, then the latest winning event's. */
  public static Dataset<Row> onePerKey(TableDef table, Dataset<Row> rows) {
    Column[] all = Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new);
    Column rank = struct(col(Lineage.COMPLETE), rank(""));
    return rows.groupBy(col(table.key()))
        .agg(max_by(struct(all), rank).as("best"))
        .select(col("best.*"));
  }

  MergeMetrics apply(
      TableDef table,
      PreparedMerge prepared,
      String path,
      BatchTransaction txn,
      SparkSession session,
      DriverWrite driver) {
    if (prepared.isEmpty()) {
      return MergeMetrics.NONE;
    }
    Optional<MergeMetrics> small = driver.apply(table, path, txn, rule(table, prepared));
    if (small.isPresent()) {
      return small.get();
    }
    Column sourceWins =
        col("s." + Lineage.COMPLETE)
            .and(not(col("t." + Lineage.COMPLETE)).or(rank("s").gt(rank("t"))));
    return txn.run(
        session,
        () ->
            MergeMetrics.of(
                DeltaTable.forPath(session, path)
                    .as("t")
                    .merge(
                        prepared.in(session).as("s"),
                        col("t." + table.key()).equalTo(col("s." + table.key())))
                    .whenMatched(sourceWins)
                    .updateAll()
                    .whenNotMatched()
                    .insertAll()
                    .execute()));
  }

  /** The MERGE below, row by row on the driver: the same condition decides which row is kept. */
  static DriverWrite.RowRule rule(TableDef table, PreparedMerge prepared) {
    Map<Object, Row> incoming = new LinkedHashMap<>();
    prepared.inTableOrder(table).forEach(row -> incoming.put(row.getAs(table.key()), row));
    return new DriverWrite.RowRule(
        Optional.empty(), // hashed keys: any file may hold any key
        stored -> incoming.containsKey(stored.getAs(table.key())),
        concerned -> DriverWrite.upsert(incoming, concerned, DimensionWriter::sourceWins),
        Set.of(
            Lineage.COMPLETE,
            Lineage.UPDATED_AT,
            Lineage.UPDATED_AT_NANOS,
            Lineage.VERSION,
            Lineage.EVENT_HASH),
        Optional.of(incoming.keySet()));
  }

  /**
   * The MERGE's {@code sourceWins} with SQL's nulls: a complete source row replaces a reference, or
   * a complete row of a lower rank.
   */
  private static boolean sourceWins(Row source, Row target) {
    return Boolean.TRUE.equals(source.getAs(Lineage.COMPLETE))
        && (Boolean.FALSE.equals(target.getAs(Lineage.COMPLETE))
            || rankOf(source).compareTo(rankOf(target)) > 0);
  }

  private static EventOrder.Rank rankOf(Row row) {
    return EventOrder.Rank.of(
        row, Lineage.UPDATED_AT, Lineage.UPDATED_AT_NANOS, Lineage.VERSION, Lineage.EVENT_HASH);
  }

  private static Column rank(String alias) {
    String prefix = alias.isEmpty() ? "" : alias + ".";
    return EventOrder.rank(
        col(prefix + Lineage.UPDATED_AT),
        col(prefix + Lineage.UPDATED_AT_NANOS),
        col(prefix + Lineage.VERSION),
        col(prefix + Lineage.EVENT_HASH));
  }
}
