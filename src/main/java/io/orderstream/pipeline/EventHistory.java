package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import io.orderstream.error.Errors;
import io.orderstream.event.DecodedRows;
import io.orderstream.model.ArrivedEvents;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.HistoryBatch;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.StatusHistory;
import io.orderstream.model.StatusPeriods;
import io.orderstream.sink.TableLocations;
import io.orderstream.source.InputRows;
import io.orderstream.store.DriverScan;
import io.orderstream.store.KernelFilters;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * lower bound, which costs time, never rows. For an order the tables do not hold yet, the log is
 * read within the batch's own span of it only.
 *
 * <p>A replayed batch finds its events already stored by itself: they still count as news for the
 * histories, which are recomputed the same, but are not stored twice.
 *
 * <p>The batch's events come to the driver once, with their positions, and the stored events of its
 * orders once. Identical events of one batch are told apart there ({@link ArrivedEvents}). Each
 * event's statuses are then derived on the driver ({@link io.orderstream.model.EventStatuses}, in
 * slices side by side for a backlog's batch), and {@link io.orderstream.model.StatusPeriods}
 * computes the periods, without a Spark job. The lookups (stored winners' instants, first periods,
 * stored events) are read on the driver with Delta Kernel ({@link DriverScan}): a Spark query costs
 * a few hundred milliseconds of planning and scheduling on the two cores change detection is using
 * meanwhile. Spark queries remain for runs that write only with Spark's MERGE (which derive the
 * statuses in one Spark job too, with {@code order_item}'s own expressions), and for the stored
 * winners' instants of a table too large to keep on the driver; both read a Spark copy of the batch
 * without its repeated events, made only then.
 */
public final class EventHistory {
  private static final Logger LOG = LoggerFactory.getLogger(EventHistory.class);

  /** Off: no event log and no status histories are written (the tables exist, empty). */
  public static final String ENABLED_CONF = "spark.orderstream.history.enabled";

  private static final StructType ORDERS =
      new StructType()
          .add("order_id", DataTypes.StringType)
          .add("s_updated_at", DataTypes.TimestampType);

  private static final List<ColumnDef> FIRSTS_READ =
      OrderStatusHistoryTable.DEFINITION.columns("order_id", "valid_from");

  private final TableLocations tables;

  /** Reads the tables on the driver; null when every lookup is a Spark query. */
  private final DriverScan scan;

  /** Null when every lookup is a Spark query. */
  private final StoredWinners storedWinners;

  /**
   * @param scan reads the tables on the driver, without Spark jobs; null makes every lookup a Spark
   *     query (the setting that sends every write through Spark's MERGE does that too)
   * @param storedWinners the stored winners kept on the driver, shared with change detection; null
   *     when {@code scan} is
   */
  EventHistory(TableLocations tables, DriverScan scan, StoredWinners storedWinners) {
    this.tables = tables;
    this.scan = scan;
    this.storedWinners = storedWinners;
  }

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
   * @return the batch's changes; empty when it has no event new to the log
   */
  public Optional<HistoryBatch> of(Dataset<Row> events, long batchId) {
    SparkSession spark = events.sparkSession();
    long started = System.nanoTime();
    ArrivedEvents arrived = ArrivedEvents.collect(events, batchId);
    if (!arrived.repeats()) {
      // The common case, a feed without duplicates in one batch: nothing to remove.
      return of(spark, () -> events, arrived.rows(), batchId, started);
    }
    // The Spark twin of the copies removed on the driver, for the lookups that fall back to Spark;
    // built only if one does.
    AtomicReference<Dataset<Row>> deduplicated = new AtomicReference<>();
    try {
      return of(
          spark,
          () -> {
            if (deduplicated.get() == null) {
              deduplicated.set(firstCopies(events).persist(StorageLevel.MEMORY_AND_DISK()));
            }
            return deduplicated.get();
          },
          arrived.firstCopies(),
          batchId,
          started);
    } finally {
      if (deduplicated.get() != null) {
        deduplicated.get().unpersist();
      }
    }
  }

  /** Of identical events in one batch, the first by input name and position is the one kept. */
  private static Dataset<Row> firstCopies(Dataset<Row> events) {
    return events
        .withColumn(
            "copy",
            row_number()
                .over(
                    Window.partitionBy(col("order_id"), col("event_hash"))
                        .orderBy(col("source"), col("position"))))
        .where(col("copy").equalTo(1))
        .drop("copy");
  }

  /**
   * @param batch the batch's events, each distinct event once, for the lookups that fall back to
   *     Spark
   * @param batchEvents the same, as {@code order_event} rows on the driver
   */
  private Optional<HistoryBatch> of(
      SparkSession spark,
      Supplier<Dataset<Row>> batch,
      List<Row> batchEvents,
      long batchId,
      long started) {
    long collected = System.nanoTime();
    if (batchEvents.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Span> spans =
        storedWinners == null
            ? spans(spark, batch.get(), tables)
            : spansOnDriver(batchEvents).orElseGet(() -> spans(spark, batch.get(), tables));
    long spanned = System.nanoTime();
    List<Row> stored = storedEvents(spark, spans);
    long storedRead = System.nanoTime();
    Set<String> storedKeys = new HashSet<>();
    Set<String> storedBefore = new HashSet<>();
    for (Row row : stored) {
      String key = row.getAs(OrderEventTable.ID);
      storedKeys.add(key);
      if (row.<Long>getAs(Lineage.BATCH_ID) != batchId) {
        storedBefore.add(key);
      }
    }
    List<Row> appended = new ArrayList<>();
    Set<String> news = new java.util.LinkedHashSet<>();
    for (Row row : batchEvents) {
      String key = row.getAs(OrderEventTable.ID);
      if (!storedKeys.contains(key)) {
        appended.add(row);
      }
      if (!storedBefore.contains(key)) {
        news.add(row.getAs(OrderEventTable.ORDER_ID));
      }
    }
    if (news.isEmpty()) {
      return Optional.empty();
    }
    Timestamp from = null;
    Timestamp to = null;
    for (String order : news) {
      Span span = spans.get(order);
      Timestamp newest = span.newest();
      Timestamp oldestRows = span.stored() != null ? span.stored() : newest;
      from = from == null || oldestRows.before(from) ? oldestRows : from;
      to = to == null || newest.after(to) ? newest : to;
    }
    List<Row> storedOfNews =
        stored.stream()
            .filter(r -> news.contains(r.<String>getAs(OrderEventTable.ORDER_ID)))
            .toList();
    // Every event concerned is on the driver already, stored and arrived alike.
    boolean onDriver = scan != null;
    StatusPeriods.Rows periods =
        onDriver
            ? StatusHistory.fromEventLog(
                everyLoggedEvent(storedOfNews, batchEvents, news),
                order -> spans.get(order).stored(),
                batchId)
            : StatusHistory.onDriver(
                StatusHistory.eventStatuses(
                    ChangedOrders.parsed(
                        everyEvent(spark, storedOfNews, batch.get(), news, spans),
                        col("s_updated_at")),
                    Dataset::collectAsList),
                batchId);
    long derived = System.nanoTime();
    LOG.debug(
        "batch {} history: events collected in {} ms, spans in {} ms, stored events ({}) in {} ms,"
            + " statuses of {} orders in {} ms ({})",
        batchId,
        (collected - started) / 1_000_000,
        (spanned - collected) / 1_000_000,
        stored.size(),
        (storedRead - spanned) / 1_000_000,
        news.size(),
        (derived - storedRead) / 1_000_000,
        onDriver ? "on the driver" : "in Spark");
    return Optional.of(new HistoryBatch(appended, List.copyOf(news), from, to, periods));
  }

  /**
   * Each batch order's first and last instant in the batch, and its stored winner's instant (null
   * for an order the tables do not hold), in one Spark job.
   */
  private static Map<String, Span> spans(
      SparkSession spark, Dataset<Row> batch, TableLocations tables) {
    Dataset<Row> inBatch =
        batch
            .groupBy(col("order_id"))
            .agg(min(col("updated_at")).as("b_first"), max(col("updated_at")).as("b_last"));
    Dataset<Row> storedWinners =
        read(spark, tables, OrderEventLatestTable.NAME)
            .select(col("order_id"), col(OrderEventLatestTable.UPDATED_AT).as("s_updated_at"));
    Map<String, Span> spans = new HashMap<>();
    // The stored winners of the batch's orders first (a semi join that broadcasts the batch's few
    // ids), then the batch's orders with theirs: a right join cannot broadcast its right side.
    Dataset<Row> ofBatch =
        storedWinners.join(broadcast(inBatch.select("order_id")), "order_id", "left_semi");
    for (Row row :
        inBatch
            .join(ofBatch, "order_id", "left")
            .select("order_id", "b_first", "b_last", "s_updated_at")
            .collectAsList()) {
      spans.put(
          row.getString(0),
          new Span(row.getTimestamp(1), row.getTimestamp(2), row.getTimestamp(3)));
    }
    return spans;
  }

  /**
   * {@link #spans}, from the batch's events already on the driver and the stored winners' instants
   * kept there; empty when {@code order_event_latest} is too large to keep.
   */
  private Optional<Map<String, Span>> spansOnDriver(List<Row> batchEvents) {
    Map<String, Timestamp[]> inBatch = new HashMap<>();
    for (Row event : batchEvents) {
      Timestamp at = event.getAs(OrderEventTable.UPDATED_AT);
      inBatch.merge(
          event.getAs(OrderEventTable.ORDER_ID),
          new Timestamp[] {at, at},
          (a, b) ->
              new Timestamp[] {a[0].before(b[0]) ? a[0] : b[0], a[1].after(b[1]) ? a[1] : b[1]});
    }
    return storedWinners
        .of(inBatch.keySet())
        .map(
            stored -> {
              Map<String, Span> spans = new HashMap<>();
              inBatch.forEach(
                  (order, firstLast) -> {
                    StoredWinners.Stored winner = stored.get(order);
                    spans.put(
                        order,
                        new Span(
                            firstLast[0],
                            firstLast[1],
                            winner == null ? null : winner.updatedAt()));
                  });
              return spans;
            });
  }

  /**
   * The stored events of the batch's orders ({@code order_event} rows), read within their spans. A
   * stored order's span starts at its first history period (an order without history rows leaves it
   * open below) and ends at its stored winner; an order the tables do not hold can have stored
   * events only from an attempt of this batch that failed before storing its winner (the same
   * events, then, within the batch's own span of the order), and those must be found too, or a
   * checkpoint taking the tables over would store them twice.
   */
  private List<Row> storedEvents(SparkSession spark, Map<String, Span> spans) {
    List<String> known = new ArrayList<>();
    Timestamp oldestStored = null;
    Timestamp newest = null;
    Timestamp from = null;
    for (Map.Entry<String, Span> entry : spans.entrySet()) {
      Span span = entry.getValue();
      newest = newest == null || span.newest().after(newest) ? span.newest() : newest;
      if (span.stored() == null) {
        from = from == null || span.batchFirst().before(from) ? span.batchFirst() : from;
      } else {
        known.add(entry.getKey());
        oldestStored =
            oldestStored == null || span.stored().before(oldestStored)
                ? span.stored()
                : oldestStored;
      }
    }
    boolean open = false;
    if (!known.isEmpty()) {
      // An order's history rows all carry its stored winner's instant as order_updated_at.
      Map<String, Timestamp> firsts =
          scan == null
              ? firstPeriodsWithSpark(spark, known, spans, oldestStored, newest)
              : firstPeriodsOnDriver(known, oldestStored, newest);
      for (String order : known) {
        Timestamp first = firsts.get(order);
        if (first == null) {
          open = true;
          continue;
        }
        Timestamp earliest =
            spans.get(order).batchFirst().before(first) ? spans.get(order).batchFirst() : first;
        from = from == null || earliest.before(from) ? earliest : from;
      }
    }
    Timestamp lowest = open ? null : from;
    return scan == null
        ? logWithSpark(spark, spans, lowest, newest)
        : logOnDriver(spans.keySet(), lowest, newest);
  }

  /** Each order's first period start, from its history rows stored in the span given. */
  private Map<String, Timestamp> firstPeriodsWithSpark(
      SparkSession spark,
      List<String> orders,
      Map<String, Span> spans,
      Timestamp from,
      Timestamp to) {
    Map<String, Timestamp> firsts = new HashMap<>();
    for (Row row :
        read(spark, tables, OrderStatusHistoryTable.NAME)
            .where(col(StatusHistory.ORDER_UPDATED_AT).between(lit(from), lit(to)))
            .join(ordersFrame(spark, orders, spans), "order_id", "left_semi")
            .groupBy(col("order_id"))
            .agg(min(col("valid_from")))
            .collectAsList()) {
      firsts.put(row.getString(0), row.getTimestamp(1));
    }
    return firsts;
  }

  /** {@link #firstPeriodsWithSpark}, read on the driver. */
  private Map<String, Timestamp> firstPeriodsOnDriver(
      List<String> orders, Timestamp from, Timestamp to) {
    Set<String> wanted = new HashSet<>(orders);
    Map<String, Timestamp> firsts = new HashMap<>();
    scan.files(
            tables.pathOf(OrderStatusHistoryTable.NAME),
            Optional.of(KernelFilters.between(StatusHistory.ORDER_UPDATED_AT, from, to)),
            FIRSTS_READ)
        .readAll(
            values -> {
              String order = (String) values[0];
              if (wanted.contains(order)) {
                firsts.merge(order, (Timestamp) values[1], (a, b) -> a.before(b) ? a : b);
              }
            });
    return firsts;
  }

  /**
   * The stored events ({@code order_event} rows) of {@code spans}' orders whose instant is within
   * [{@code from}, {@code to}]; a null {@code from} leaves the span open below.
   */
  private List<Row> logWithSpark(
      SparkSession spark, Map<String, Span> spans, Timestamp from, Timestamp to) {
    return read(spark, tables, OrderEventTable.NAME)
        .where(
            from == null
                ? col(OrderEventTable.UPDATED_AT).leq(lit(to))
                : col(OrderEventTable.UPDATED_AT).between(lit(from), lit(to)))
        .join(
            ordersFrame(spark, List.copyOf(spans.keySet()), spans).select("order_id"),
            "order_id",
            "left_semi")
        .collectAsList();
  }

  /**
   * {@link #logWithSpark}, read on the driver: every event of the orders in the files Delta's
   * statistics place in the span (events outside it are the orders' events too, and harmless).
   */
  private List<Row> logOnDriver(Set<String> orders, Timestamp from, Timestamp to) {
    StructType schema = OrderEventTable.DEFINITION.schema();
    int orderColumn = OrderEventTable.DEFINITION.columnNames().indexOf(OrderEventTable.ORDER_ID);
    List<Row> rows = new ArrayList<>();
    scan.files(
            tables.pathOf(OrderEventTable.NAME),
            Optional.of(
                from == null
                    ? KernelFilters.atMost(OrderEventTable.UPDATED_AT, to)
                    : KernelFilters.between(OrderEventTable.UPDATED_AT, from, to)),
            OrderEventTable.DEFINITION.columns())
        .readAll(
            values -> {
              if (orders.contains((String) values[orderColumn])) {
                rows.add(new GenericRowWithSchema(values, schema));
              }
            });
    return rows;
  }

  /**
   * Every distinct event of the orders with news, as {@code order_event} rows: the stored ones, and
   * the batch's that are not stored yet ({@link #everyEvent}'s rule, on the driver).
   */
  private static List<Row> everyLoggedEvent(
      List<Row> storedOfNews, List<Row> batchEvents, Set<String> news) {
    Set<String> storedIds = new HashSet<>();
    storedOfNews.forEach(r -> storedIds.add(r.getAs(OrderEventTable.ID)));
    List<Row> every = new ArrayList<>(storedOfNews);
    for (Row row : batchEvents) {
      if (news.contains(row.<String>getAs(OrderEventTable.ORDER_ID))
          && !storedIds.contains(row.<String>getAs(OrderEventTable.ID))) {
        every.add(row);
      }
    }
    return every;
  }

  /**
   * Every distinct event of the orders with news, decoded, with their stored winner's instant: the
   * stored ones decoded again from their raw JSON, and the batch's. Of an event both hold, the
   * stored copy is kept, so its source does not depend on a later duplicate.
   */
  private static Dataset<Row> everyEvent(
      SparkSession spark,
      List<Row> stored,
      Dataset<Row> batch,
      Set<String> news,
      Map<String, Span> spans) {
    Dataset<Row> orders = ordersFrame(spark, List.copyOf(news), spans);
    Dataset<Row> fresh =
        news.size() == spans.size()
            ? batch
            : batch.join(orders.select("order_id"), "order_id", "left_semi");
    Dataset<Row> all = fresh;
    if (!stored.isEmpty()) {
      Set<String> storedIds = new HashSet<>();
      List<Row> inputs = new ArrayList<>();
      for (Row row : stored) {
        storedIds.add(row.getAs(OrderEventTable.ID));
        inputs.add(
            RowFactory.create(
                row.getAs(OrderEventTable.SOURCE),
                row.<String>getAs(OrderEventTable.RAW_EVENT)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      Dataset<Row> storedDecoded =
          DecodedRows.events(
              DecodedRows.decode(
                  InputRows.readable(
                      spark.createDataFrame(
                          inputs,
                          new StructType()
                              .add(InputRows.SOURCE, DataTypes.StringType)
                              .add(InputRows.CONTENT, DataTypes.BinaryType)))));
      all =
          storedDecoded.unionByName(
              fresh.where(
                  org.apache.spark.sql.functions.not(
                      OrderEventTable.idOf(col("order_id"), col("event_hash"))
                          .isin(storedIds.toArray()))));
    }
    return all.join(broadcast(orders), "order_id");
  }

  /** The given orders with their stored winner's instant ({@code s_updated_at}), as a relation. */
  private static Dataset<Row> ordersFrame(
      SparkSession spark, List<String> orders, Map<String, Span> spans) {
    return broadcast(
        spark.createDataFrame(
            orders.stream().map(o -> RowFactory.create(o, spans.get(o).stored())).toList(),
            ORDERS));
  }

  private static Dataset<Row> read(SparkSession spark, TableLocations tables, String table) {
    return spark.read().format("delta").load(tables.pathOf(table));
  }

  /**
   * One order's instants: the batch's earliest and latest, the stored winner's (null when the
   * tables do not hold the order).
   */
  private record Span(Timestamp batchFirst, Timestamp batchLast, Timestamp stored) {
    /** The latest instant the order's rows can carry, once this batch is in. */
    Timestamp newest() {
      return stored == null || batchLast.after(stored) ? batchLast : stored;
    }
  }
}
