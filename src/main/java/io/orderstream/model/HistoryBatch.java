package io.orderstream.model;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one batch changes in the event log and the status histories, on the driver.
 *
 * @param newEvents {@code order_event} rows of the batch's events not stored yet
 * @param orders the orders whose histories are recomputed: those with an event new to the log (or
 *     stored by this very batch, when it is replayed)
 * @param from the earliest {@code order_updated_at} their stored history rows can carry
 * @param to the latest {@code order_updated_at} their stored or new history rows can carry
 * @param periods the orders' whole histories, which replace their stored rows
 */
public record HistoryBatch(
    List<Row> newEvents,
    List<Object> orders,
    Timestamp from,
    Timestamp to,
    StatusPeriods.Rows periods) {}
