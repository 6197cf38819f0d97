package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import io.orderstream.event.EventOrder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The status periods of orders and order lines, from all of each order's distinct events: what
 * {@code order_status_history} and {@code order_item_status_history} hold.
 *
 * <p>The rules, in event time ({@code dat_atui}, to the microsecond), so that no arrival order or
 * batching changes the result:
 *
 * <ul>
 *   <li>Events at the same instant are a tie: only the tie's winner (the event that ranks highest
 *       by the winning-event rule, {@link EventOrder}) says what holds from that instant, so no
 *       period of zero length exists.
 *   <li>Consecutive instants with the same status make one period, which starts at the first of
 *       them and carries that event's lineage.
 *   <li>A period ends at the next instant with another status; a line ends also at the first
 *       instant whose event no longer has it, and starts a new period if a later event brings it
 *       back. The last period of whatever still exists has no end.
 * </ul>
 *
 * The newest instant's tie winner is the order's winning event, so the current period's status is
 * always {@code order_item.order_status} (or {@code item_status}).
 */
public final class StatusHistory {
  public static final String ORDER_UPDATED_AT = StatusHistoryColumns.ORDER_UPDATED_AT;

  /**
   * Time spent in each status by the lines of {@code %s} (a status-history table), in hours, the
   * current period counted up to now: the example the table reference gives, run by the tests.
   */
  public static final String TIME_PER_STATUS_SQL =
      """
      SELECT status,
             count(*) AS periods,
             avg((unix_timestamp(coalesce(valid_to, current_timestamp())) - unix_timestamp(valid_from)) / 3600) AS avg_hours
      FROM %s
      GROUP BY status
      ORDER BY avg_hours DESC""";

  private static final String AT = "at";
  private static final String STATUS = StatusHistoryColumns.STATUS;
  private static final String PRESENT = "present";

  /** Both tables' rows for the same orders. */
  public record Periods(Dataset<Row> orders, Dataset<Row> items) {}

  private StatusHistory() {}

  /**
   * @param events every distinct event of each order concerned, one row per event (the {@link
   *     Winners} columns); {@link Winners#STORED_UPDATED_AT} is the instant of the order's stored
   *     winner, or null: {@code order_updated_at} is never below it, so the rows of an order stay
   *     where its {@code order_event_latest} row says, even when events stored before the event log
   *     existed are missing from it
   * @param batchId the micro-batch writing the rows, recorded as lineage
   */
  public static Periods derive(Winners events, long batchId) {
    WindowSpec sameInstant =
        Window.partitionBy(col(Winners.ORDER_ID), col(Winners.UPDATED_AT))
            .orderBy(EventOrder.rankOf("").desc());
    Dataset<Row> instants =
        events
            .rows()
            .withColumn("tie_rank", row_number().over(sameInstant))
            .where(col("tie_rank").equalTo(1))
            .drop("tie_rank")
            .withColumn(
                ORDER_UPDATED_AT,
                max(greatest(col(Winners.UPDATED_AT), col(Winners.STORED_UPDATED_AT)))
                    .over(Window.partitionBy(col(Winners.ORDER_ID))));
    Dataset<Row> lineage =
        instants.select(
            col(Winners.ORDER_ID).as("order_id"),
            col(Winners.UPDATED_AT).as(AT),
            col(ORDER_UPDATED_AT),
            col(Winners.SOURCE).as(StatusHistoryColumns.SOURCE),
            col(Winners.UPDATED_AT).as(Lineage.UPDATED_AT),
            col(Winners.UPDATED_AT_NANOS).as(Lineage.UPDATED_AT_NANOS),
            col(Winners.VERSION).as(Lineage.VERSION),
            col(Winners.EVENT_HASH).as(Lineage.EVENT_HASH),
            lit(batchId).as(Lineage.BATCH_ID));
    Dataset<Row> orderStates =
        instants.select(
            col(Winners.ORDER_ID).as("order_id"),
            col(Winners.UPDATED_AT).as(AT),
            col(Winners.EVENT + ".stat_pedi").as(STATUS),
            lit(true).as(PRESENT));
    Dataset<Row> orders =
        periods(orderStates, "order_id")
            .join(lineage, new String[] {"order_id", AT})
            .select(OrderStatusHistoryTable.DEFINITION.selection());
    return new Periods(orders, items(instants, lineage, batchId));
  }

  /** Each line's state at every instant of its order: its status, or absent. */
  private static Dataset<Row> items(Dataset<Row> instants, Dataset<Row> lineage, long batchId) {
    OrderContext context = new OrderContext(Winners.of(instants), batchId, PersonalDataMask.KEEP);
    Dataset<Row> lines =
        new OrderItemTable()
            .rows(context)
            .select(
                col("id").as("order_item_id"),
                col("order_id"),
                col("item_id"),
                col(Lineage.UPDATED_AT).as(AT),
                col("item_status").as(STATUS));
    Dataset<Row> everyInstant =
        lines
            .select("order_item_id", "order_id", "item_id")
            .distinct()
            .join(lineage.select("order_id", AT), "order_id");
    // Present when the instant's event has the line: the left join left the line's row there.
    Dataset<Row> marked =
        everyInstant
            .join(
                lines.drop("order_id", "item_id").withColumn(PRESENT, lit(true)),
                new String[] {"order_item_id", AT},
                "left")
            .na()
            .fill(false, new String[] {PRESENT});
    return periods(marked, "order_item_id")
        .join(lineage, new String[] {"order_id", AT})
        .select(OrderItemStatusHistoryTable.DEFINITION.selection());
  }

  /**
   * The periods of each entity ({@code by}) from its states at every instant ({@code at}, {@code
   * status}, {@code present}): one row per period with its start as {@code at} and {@code
   * valid_from}, its end as {@code valid_to}.
   */
  private static Dataset<Row> periods(Dataset<Row> states, String by) {
    WindowSpec inTime = Window.partitionBy(col(by)).orderBy(col(AT));
    Column previousPresent = lag(col(PRESENT), 1).over(inTime);
    Column previousStatus = lag(col(STATUS), 1).over(inTime);
    Column changes =
        previousPresent
            .isNull()
            .or(col(PRESENT).notEqual(previousPresent))
            .or(col(PRESENT).and(not(col(STATUS).eqNullSafe(previousStatus))));
    return states
        .withColumn("changes", changes)
        .where(col("changes"))
        .withColumn(StatusHistoryColumns.VALID_TO, lead(col(AT), 1).over(inTime))
        .where(col(PRESENT))
        .withColumn(StatusHistoryColumns.VALID_FROM, col(AT))
        .drop("changes", PRESENT);
  }
}
