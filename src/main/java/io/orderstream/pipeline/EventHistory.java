package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import io.orderstream.error.Errors;
import io.orderstream.event.DecodedRows;
import io.orderstream.model.HistoryBatch;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.StatusHistory;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.InputRows;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;

/**
 * Finds a batch's events that the event log does not hold yet, and recomputes the status history of
 * every order that has one, from all of the order's distinct events.
 *
 * <p>An order's stored events are read within the span of its history: from its first period's
 * start ({@code order_status_history}) to its stored winner's instant ({@code order_event_latest}),
 * widened by the batch's own events. The event log is appended batch by batch, so Delta's
 * statistics on {@code updated_at} skip every file outside that span, and a batch of recent orders
 * reads recent files only, however long the log. An order whose winner is stored but whose history
 * is not (tables written before the log existed) has no known start: its events are read with no
 * lower bound, which costs time, never rows.
 *
 * <p>A replayed batch finds its events already stored by itself: they still count as news for the
 * histories, which are recomputed the same, but are not stored twice.
 */
public final class EventHistory {
  /** Off: no event log and no status histories are written (the tables exist, empty). */
  public static final String ENABLED_CONF = "spark.orderstream.history.enabled";

  private static final String[] EVENT_KEY = {"order_id", "event_hash"};

  private EventHistory() {}

  /** Whether the session's settings keep the event log and the histories: on unless set false. */
  public static boolean enabledIn(SparkSession spark) {
    String value = spark.conf().get(ENABLED_CONF, "true").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw Errors.invalidSetting(ENABLED_CONF, value, "true or false");
    }
    return Boolean.parseBoolean(value);
  }

  /**
   * @param events the batch's decoded valid events ({@link DecodedRows} columns)
   * @param take what to do with the changes while what they are computed from is cached: it must be
   *     done with them (collected or written) when it returns
   * @return what {@code take} gave; empty when the batch has no event new to the log
   */
  public static <T> Optional<T> of(
      Dataset<Row> events, TableLocations tables, long batchId, Function<HistoryBatch, T> take) {
    SparkSession spark = events.sparkSession();
    Dataset<Row> batch =
        events
            .withColumn(
                "copy",
                row_number()
                    .over(
                        Window.partitionBy(col("order_id"), col("event_hash"))
                            .orderBy(col("source"), col("position"))))
            .where(col("copy").equalTo(1))
            .drop("copy")
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      return of(spark, batch, tables, batchId, take);
    } finally {
      batch.unpersist();
    }
  }

  private static <T> Optional<T> of(
      SparkSession spark,
      Dataset<Row> batch,
      TableLocations tables,
      long batchId,
      Function<HistoryBatch, T> take) {
    Map<Object, Span> spans = new HashMap<>();
    for (Row row :
        batch
            .groupBy(col("order_id"))
            .agg(min(col("updated_at")), max(col("updated_at")))
            .collectAsList()) {
      spans.put(row.get(0), new Span(row.getTimestamp(1), row.getTimestamp(2), null, null));
    }
    if (spans.isEmpty()) {
      return Optional.empty();
    }
    Dataset<Row> batchOrders = broadcast(batch.select(col("order_id")).distinct());
    for (Row row :
        read(spark, tables, OrderEventLatestTable.NAME)
            .select(col("order_id"), col(OrderEventLatestTable.UPDATED_AT))
            .join(batchOrders, "order_id", "left_semi")
            .collectAsList()) {
      spans.computeIfPresent(row.get(0), (id, span) -> span.withStored(row.getTimestamp(1)));
    }
    findFirstPeriods(spark, tables, spans);
    Dataset<Row> stored = storedEvents(spark, tables, spans, batchOrders);
    try {
      Dataset<Row> appended =
          batch.join(stored.select("order_id", "event_hash"), scala(EVENT_KEY), "left_anti");
      Dataset<Row> news =
          batch.join(
              stored
                  .where(col(Lineage.BATCH_ID).notEqual(lit(batchId)))
                  .select("order_id", "event_hash"),
              scala(EVENT_KEY),
              "left_anti");
      List<Object> orders =
          news.select(col("order_id")).distinct().collectAsList().stream()
              .map(r -> r.get(0))
              .toList();
      if (orders.isEmpty()) {
        return Optional.empty();
      }
      Dataset<Row> newsOrders =
          broadcast(
              spark.createDataFrame(
                  orders.stream().map(o -> org.apache.spark.sql.RowFactory.create(o)).toList(),
                  batch.select(col("order_id")).schema()));
      Timestamp from = null;
      Timestamp to = null;
      for (Object order : orders) {
        Span span = spans.get(order);
        Timestamp newest = span.newest();
        Timestamp oldestRows = span.stored() != null ? span.stored() : newest;
        from = from == null || oldestRows.before(from) ? oldestRows : from;
        to = to == null || newest.after(to) ? newest : to;
      }
      Dataset<Row> all =
          everyEvent(stored.join(newsOrders, "order_id", "left_semi"), batch, newsOrders);
      Dataset<Row> storedWinners =
          spark.createDataFrame(
              orders.stream()
                  .map(o -> org.apache.spark.sql.RowFactory.create(o, spans.get(o).stored()))
                  .toList(),
              new org.apache.spark.sql.types.StructType()
                  .add("order_id", org.apache.spark.sql.types.DataTypes.StringType)
                  .add("s_updated_at", org.apache.spark.sql.types.DataTypes.TimestampType));
      StatusHistory.Periods periods =
          StatusHistory.derive(
              ChangedOrders.parsed(
                  all.join(broadcast(storedWinners), "order_id"), col("s_updated_at")),
              batchId);
      return Optional.of(
          take.apply(
              new HistoryBatch(
                  OrderEventTable.rows(appended, batchId), orders, from, to, periods)));
    } finally {
      stored.unpersist();
    }
  }

  /**
   * Sets each stored order's first instant from the start of its first history period; left null
   * when it has none.
   */
  private static void findFirstPeriods(
      SparkSession spark, TableLocations tables, Map<Object, Span> spans) {
    List<Object> stored = new ArrayList<>();
    Timestamp from = null;
    Timestamp to = null;
    for (Map.Entry<Object, Span> entry : spans.entrySet()) {
      Span span = entry.getValue();
      if (span.stored() != null) {
        stored.add(entry.getKey());
        from = from == null || span.stored().before(from) ? span.stored() : from;
        to = to == null || span.newest().after(to) ? span.newest() : to;
      }
    }
    if (stored.isEmpty()) {
      return;
    }
    for (Row row :
        read(spark, tables, OrderStatusHistoryTable.NAME)
            .where(col(StatusHistory.ORDER_UPDATED_AT).between(lit(from), lit(to)))
            .join(ordersFrame(spark, stored), "order_id", "left_semi")
            .groupBy(col("order_id"))
            .agg(min(col("valid_from")))
            .collectAsList()) {
      spans.computeIfPresent(row.get(0), (id, span) -> span.withFirst(row.getTimestamp(1)));
    }
  }

  /**
   * The stored events of the batch's stored orders (columns {@code order_id}, {@code event_hash},
   * {@code lineage_batch_id}, {@code raw_event}, {@code source}), read within their spans.
   */
  private static Dataset<Row> storedEvents(
      SparkSession spark, TableLocations tables, Map<Object, Span> spans, Dataset<Row> orders) {
    Timestamp from = null;
    Timestamp to = null;
    boolean unbounded = false;
    boolean any = false;
    for (Span span : spans.values()) {
      if (span.stored() == null) {
        continue;
      }
      any = true;
      Timestamp oldest = span.oldest();
      if (oldest == null) {
        unbounded = true;
      } else {
        from = from == null || oldest.before(from) ? oldest : from;
      }
      to = to == null || span.newest().after(to) ? span.newest() : to;
    }
    Dataset<Row> log = read(spark, tables, OrderEventTable.NAME);
    Column within =
        !any
            ? lit(false)
            : unbounded
                ? col(OrderEventTable.UPDATED_AT).leq(lit(to))
                : col(OrderEventTable.UPDATED_AT).between(lit(from), lit(to));
    return log.where(within)
        .join(orders, "order_id", "left_semi")
        .select(
            col("order_id"),
            col(OrderEventTable.EVENT_HASH),
            col(Lineage.BATCH_ID),
            col(OrderEventTable.RAW_EVENT),
            col(OrderEventTable.SOURCE))
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Every distinct event of the given orders, decoded: the stored ones decoded again from their raw
   * JSON, and the batch's. Of an event both hold, the stored copy is kept, so its source does not
   * depend on a later duplicate.
   */
  private static Dataset<Row> everyEvent(
      Dataset<Row> stored, Dataset<Row> batch, Dataset<Row> orders) {
    Dataset<Row> storedDecoded =
        DecodedRows.events(
            DecodedRows.decode(
                InputRows.readable(
                    stored.select(
                        col(OrderEventTable.SOURCE).as(InputRows.SOURCE),
                        col(OrderEventTable.RAW_EVENT).cast("binary").as(InputRows.CONTENT)))));
    return storedDecoded
        .withColumn("stored", lit(0))
        .unionByName(batch.join(orders, "order_id", "left_semi").withColumn("stored", lit(1)))
        .withColumn(
            "copy",
            row_number()
                .over(
                    Window.partitionBy(col("order_id"), col("event_hash"))
                        .orderBy(col("stored"), col("source"))))
        .where(col("copy").equalTo(1))
        .drop("copy", "stored");
  }

  private static Dataset<Row> ordersFrame(SparkSession spark, List<Object> orders) {
    return broadcast(
        spark.createDataFrame(
            orders.stream().map(o -> org.apache.spark.sql.RowFactory.create(o)).toList(),
            new org.apache.spark.sql.types.StructType()
                .add("order_id", org.apache.spark.sql.types.DataTypes.StringType)));
  }

  private static Dataset<Row> read(SparkSession spark, TableLocations tables, String table) {
    return spark.read().format("delta").load(tables.pathOf(table));
  }

  private static scala.collection.immutable.Seq<String> scala(String[] columns) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(columns)).toList();
  }

  /**
   * One order's instants: the batch's earliest and latest, the stored winner's and the start of its
   * stored history, the last two null when unknown.
   */
  private record Span(
      Timestamp batchFirst, Timestamp batchLast, Timestamp stored, Timestamp first) {
    Span withStored(Timestamp t) {
      return new Span(batchFirst, batchLast, t, first);
    }

    Span withFirst(Timestamp t) {
      return new Span(batchFirst, batchLast, stored, t);
    }

    /** The latest instant the order's rows can carry, once this batch is in. */
    Timestamp newest() {
      return stored == null || batchLast.after(stored) ? batchLast : stored;
    }

    /** The earliest instant of the order's stored events; null when unknown. */
    Timestamp oldest() {
      if (first == null) {
        return null;
      }
      return batchFirst.before(first) ? batchFirst : first;
    }
  }
}
