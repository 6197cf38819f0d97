package io.orderstream.pipeline;

import static org.apache.spark.sql.functions.lit;

import io.orderstream.event.DecodedRows;
import io.orderstream.model.Winners;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives a batch's changed orders so that one event that cannot be processed does not fail the
 * batch, and with it every restart, forever.
 *
 * <p>The decoder rejects every input it knows to be unusable; this is the net for what it cannot
 * foresee. When deriving the batch's rows fails with a data error ({@link FailureCause}), the
 * winning events whose derivation fails by itself are found ({@link CulpritSearch}), quarantined
 * with reason {@value #REASON} and the error as detail, and the batch is derived again without
 * them, so the order's next best event of the batch, if any, wins instead. A failure that is not a
 * data error, or one no single order causes, propagates unchanged: the batch fails loudly and is
 * retried after the fix.
 *
 * <p>Nothing is written here. The outcome depends only on the batch's events and the stored
 * winners, as the rest of the batch does, so a replayed batch quarantines the same events.
 */
final class PoisonIsolation {
  private static final Logger LOG = LoggerFactory.getLogger(PoisonIsolation.class);
  static final String REASON = "unprocessable";
  private static final StructType CULPRITS =
      new StructType()
          .add("c_order_id", DataTypes.StringType)
          .add("c_event_hash", DataTypes.StringType)
          .add("c_detail", DataTypes.StringType);

  /**
   * @param prepared what the batch writes, null when no order changed
   * @param changed how many orders changed
   * @param unprocessable the quarantined events as rejections (DecodedRows columns); null when none
   * @param unprocessableCount how many events that is
   */
  record Outcome<T>(T prepared, long changed, Dataset<Row> unprocessable, long unprocessableCount) {
    /** A batch without events. */
    static <T> Outcome<T> none() {
      return new Outcome<>(null, 0, null, 0);
    }
  }

  private PoisonIsolation() {}

  /**
   * @param events the batch's decoded events
   * @param stored the {@code order_event_latest} table
   * @param derivation derives every table's rows for the given changed orders, writing nothing
   * @param ordersOf how many changed orders a derivation's result holds: a batch that changes none
   *     has no result to write
   */
  static <T> Outcome<T> derive(
      Dataset<Row> events,
      Dataset<Row> stored,
      long batchId,
      Function<Winners, T> derivation,
      ToLongFunction<T> ordersOf) {
    return derive(
        events,
        remaining -> ChangedOrders.of(remaining, stored, batchId),
        batchId,
        derivation,
        ordersOf);
  }

  /**
   * @param changedOrders finds the changed orders among the batch's events (all of them, or those
   *     left once culprits are set aside)
   */
  static <T> Outcome<T> derive(
      Dataset<Row> events,
      Function<Dataset<Row>, Winners> changedOrders,
      long batchId,
      Function<Winners, T> derivation,
      ToLongFunction<T> ordersOf) {
    List<CulpritSearch.Culprit> culprits = new ArrayList<>();
    while (true) {
      Dataset<Row> remaining = culprits.isEmpty() ? events : without(events, culprits);
      Winners winners = changedOrders.apply(remaining).persist();
      try {
        // No count of the winners first: the derivation finds them in the same Spark job.
        T prepared = derivation.apply(winners);
        long changed = ordersOf.applyAsLong(prepared);
        return outcome(changed == 0 ? null : prepared, changed, events, culprits, batchId);
      } catch (RuntimeException failure) {
        if (!FailureCause.mayBeInput(failure)) {
          throw failure;
        }
        LOG.debug(
            "batch {}: deriving the changed orders failed with a data error; looking for the events causing it",
            batchId,
            failure);
        List<CulpritSearch.Culprit> found =
            new CulpritSearch(derivation::apply).find(winners, failure);
        if (found.isEmpty()) {
          throw failure;
        }
        culprits.addAll(found);
      } finally {
        winners.unpersist();
      }
    }
  }

  private static <T> Outcome<T> outcome(
      T prepared,
      long changed,
      Dataset<Row> events,
      List<CulpritSearch.Culprit> culprits,
      long batchId) {
    if (culprits.isEmpty()) {
      return new Outcome<>(prepared, changed, null, 0);
    }
    Dataset<Row> rejected = asRejections(events, culprits);
    long count = rejected.count();
    culprits.forEach(
        c ->
            LOG.warn(
                "batch {}: quarantined the event of order {} as {}: {}",
                batchId,
                c.orderId(),
                REASON,
                c.detail()));
    return new Outcome<>(prepared, changed, rejected, count);
  }

  /** The batch's events that are not (a copy of) a culprit. */
  private static Dataset<Row> without(Dataset<Row> events, List<CulpritSearch.Culprit> culprits) {
    Dataset<Row> c = culpritRows(events, culprits);
    return events.join(c, matches(events, c), "left_anti");
  }

  /** Every copy of every culprit event, as a rejection with the culprit's error as detail. */
  private static Dataset<Row> asRejections(
      Dataset<Row> events, List<CulpritSearch.Culprit> culprits) {
    Dataset<Row> c = culpritRows(events, culprits);
    return events
        .join(c, matches(events, c), "inner")
        .select(
            lit(DecodedRows.KIND_REJECTED).as("kind"),
            events.col("order_id"),
            events.col("updated_at"),
            events.col("updated_at_nanos"),
            events.col("version"),
            events.col("event_hash"),
            events.col("raw"),
            lit(null).cast(DataTypes.StringType).as("normalized"),
            events.col("source"),
            events.col("line"),
            events.col("position"),
            lit(REASON).as("reason"),
            c.col("c_detail").as("detail"),
            events.col("arrived_at"));
  }

  private static Dataset<Row> culpritRows(
      Dataset<Row> events, List<CulpritSearch.Culprit> culprits) {
    List<Row> rows =
        culprits.stream()
            .map(c -> RowFactory.create(c.orderId(), c.eventHash(), c.detail()))
            .toList();
    return events.sparkSession().createDataFrame(rows, CULPRITS);
  }

  private static Column matches(Dataset<Row> events, Dataset<Row> culprits) {
    return events
        .col("order_id")
        .equalTo(culprits.col("c_order_id"))
        .and(events.col("event_hash").equalTo(culprits.col("c_event_hash")));
  }
}
