package io.orderstream.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.orderstream.error.Errors;
import io.orderstream.event.DecodedRows;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.OrderItemStatusHistoryTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.PersonalDataMask;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.StatusHistory;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableDerivation;
import io.orderstream.model.TableKind;
import io.orderstream.model.Tables;
import io.orderstream.model.Winners;
import io.orderstream.pipeline.ChangedOrders;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.DimensionWriter;
import io.orderstream.sink.ManifestRecorder;
import io.orderstream.sink.TableCreator;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.InputRows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Derives every table again from the events in {@code order_event}, as if they had all arrived in
 * one batch: after a model change (a new column, a mapping fix), without the input files.
 *
 * <p>In place, each derived table gets one new Delta version holding its whole new content, and a
 * new manifest records them, so consistent readers move to the rebuilt state at once; the event
 * log, the quarantine and the checkpoint are left as they are, and the pipeline (stopped meanwhile)
 * goes on from its next batch. Into another folder, the tables are created there, the event log and
 * the quarantine copied, and the source is only read.
 *
 * <p>One batch sees only each order's final winner, so a dimension row that only a superseded event
 * named (a customer an order no longer refers to) is not rebuilt; every other row is what the
 * incremental pipeline holds for the same events.
 */
public final class Rebuild {
  /** The tables rebuilt and the rows each now holds, and how many stored events were used. */
  public record Result(long events, long unusable, Map<String, Long> rows) {}

  private final SparkSession spark;
  private final TableLocations source;
  private final TableLocations target;
  private final String targetOption;
  private final PersonalDataMask personalData;

  /**
   * @param target where the tables go: {@code source} itself for a rebuild in place
   * @param targetOption how the user named the target, for messages
   * @param personalData how the rebuilt tables write their personal columns; in place, it must be
   *     what they were written with
   */
  public Rebuild(
      SparkSession spark,
      TableLocations source,
      TableLocations target,
      String targetOption,
      PersonalDataMask personalData) {
    this.spark = spark;
    this.source = source;
    this.target = target;
    this.targetOption = targetOption;
    this.personalData = personalData;
  }

  public Result run() {
    BatchManifest newest =
        ConsistentSnapshot.newestManifest("--tables", source, spark.sessionState().newHadoopConf());
    if (!DeltaTable.isDeltaTable(spark, source.pathOf(OrderEventTable.NAME))) {
      throw Errors.noEventLog("--tables", source.root());
    }
    long missing =
        read(source, OrderEventLatestTable.NAME)
            .join(
                read(source, OrderEventTable.NAME),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of("order_id", "event_hash"))
                    .toList(),
                "left_anti")
            .count();
    if (missing > 0) {
      // Their winners were stored while the log was off: a rebuild would lose those orders.
      throw Errors.eventLogIncomplete("--tables", source.root(), missing);
    }
    boolean inPlace = source.root().equals(target.root());
    if (!inPlace && DeltaTable.isDeltaTable(spark, target.pathOf(OrderEventTable.NAME))) {
      throw Errors.tablesExist(targetOption, target.root());
    }
    new TableCreator(spark, target, personalData)
        .createMissing(Stream.concat(Tables.all().stream(), Tables.OPERATIONAL.stream()).toList());
    if (!inPlace) {
      copy(OrderEventTable.NAME);
      copy(QuarantineTable.NAME);
    }
    long batchId = newest.batchId();
    Dataset<Row> decoded =
        DecodedRows.decode(
                InputRows.readable(
                    read(target, OrderEventTable.NAME)
                        .select(
                            col(OrderEventTable.SOURCE).as(InputRows.SOURCE),
                            col(OrderEventTable.RAW_EVENT).cast("binary").as(InputRows.CONTENT))))
            .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      Dataset<Row> events = DecodedRows.events(decoded);
      long unusable = DecodedRows.rejected(decoded).count();
      Winners winners =
          ChangedOrders.of(events, read(target, OrderEventLatestTable.NAME).limit(0), batchId)
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        TableDerivation.derive(
            winners,
            batchId,
            personalData,
            (table, derived) -> rows.put(table.name(), overwrite(table, derived)));
      } finally {
        winners.unpersist();
      }
      StatusHistory.derive(
          ChangedOrders.parsed(events, lit(null)),
          batchId,
          periods -> {
            rows.put(
                OrderStatusHistoryTable.NAME,
                overwrite(OrderStatusHistoryTable.DEFINITION, periods.orders()));
            rows.put(
                OrderItemStatusHistoryTable.NAME,
                overwrite(OrderItemStatusHistoryTable.DEFINITION, periods.items()));
            return null;
          });
      new ManifestRecorder(target).afterBatch(spark, newest.appId(), batchId);
      return new Result(events.count(), unusable, rows);
    } finally {
      decoded.unpersist();
    }
  }

  /** Replaces the table's content with {@code rows} in one commit; returns how many it holds. */
  private long overwrite(TableDef table, Dataset<Row> rows) {
    Dataset<Row> kept =
        table.kind() == TableKind.DIMENSION ? DimensionWriter.onePerKey(table, rows) : rows;
    kept.write().format("delta").mode("overwrite").save(target.pathOf(table.name()));
    return read(target, table.name()).count();
  }

  private void copy(String table) {
    read(source, table).write().format("delta").mode("append").save(target.pathOf(table));
  }

  private Dataset<Row> read(TableLocations tables, String table) {
    return spark.read().format("delta").load(tables.pathOf(table));
  }
}
