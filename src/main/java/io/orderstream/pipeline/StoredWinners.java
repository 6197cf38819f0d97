package io.orderstream.pipeline;

import io.orderstream.event.EventOrder;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.store.DriverScan;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each order's stored winner ({@code order_event_latest}): its rank and the batch that stored it,
 * looked up on the driver for a batch's orders. Change detection compares the batch's events with
 * them; the event log's lookups need their instants.
 *
 * <p>Nothing in {@code order_event_latest}'s layout tells which file holds an order, so a lookup
 * reads every file. Each file's orders are kept between batches under the file's path and deletion
 * vector ({@link DriverScan.Files#key}): a data file never changes, so a batch opens only the files
 * written since the last one, and a file no longer listed is forgotten. Above {@code maxRows} live
 * rows the table is not kept on the driver at all and the caller looks up with Spark.
 */
final class StoredWinners {
  private static final List<ColumnDef> READ =
      OrderEventLatestTable.DEFINITION.columns(
          "order_id",
          OrderEventLatestTable.UPDATED_AT,
          OrderEventLatestTable.UPDATED_AT_NANOS,
          OrderEventLatestTable.VERSION,
          OrderEventLatestTable.EVENT_HASH,
          Lineage.BATCH_ID);

  /** One order's stored winner: what ranks it, and the micro-batch that stored it. */
  record Stored(Timestamp updatedAt, Integer nanos, Long version, String hash, long batchId) {
    EventOrder.Rank rank() {
      return new EventOrder.Rank(updatedAt, nanos, version, hash);
    }
  }

  /**
   * The most {@code order_event_latest} rows kept on the driver: estimated at about 250 bytes of
   * heap each (the order id, the rank, the batch id and the map's own entry).
   */
  static final long DRIVER_MAX_ROWS = 1_000_000;

  private final DriverScan scan;
  private final String path;
  private final long maxRows;
  private Map<String, Map<String, Stored>> byFile = new HashMap<>();

  /**
   * @param path where {@code order_event_latest} is
   * @param maxRows the most live rows kept on the driver
   */
  StoredWinners(DriverScan scan, String path, long maxRows) {
    this.scan = scan;
    this.path = path;
    this.maxRows = maxRows;
  }

  /**
   * The stored winner of each of {@code orders} the table holds; empty when the table has more than
   * {@code maxRows} live rows, or files without statistics.
   */
  synchronized Optional<Map<String, Stored>> of(Collection<String> orders) {
    DriverScan.Files files = scan.files(path, Optional.empty(), READ);
    long rows = 0;
    for (io.delta.kernel.data.Row file : files.files()) {
      long fileRows = DriverScan.Files.rows(file);
      if (fileRows < 0 || (rows += fileRows) > maxRows) {
        byFile = new HashMap<>();
        return Optional.empty();
      }
    }
    Map<String, Map<String, Stored>> listed = new HashMap<>();
    for (io.delta.kernel.data.Row file : files.files()) {
      String key = DriverScan.Files.key(file);
      Map<String, Stored> winners = byFile.get(key);
      if (winners == null) {
        Map<String, Stored> read = new HashMap<>();
        files.read(
            file,
            values ->
                read.put(
                    (String) values[0],
                    new Stored(
                        (Timestamp) values[1],
                        (Integer) values[2],
                        (Long) values[3],
                        (String) values[4],
                        values[5] == null ? -1 : (Long) values[5])));
        winners = read;
      }
      listed.put(key, winners);
    }
    byFile = listed;
    Map<String, Stored> found = new HashMap<>();
    for (String order : orders) {
      for (Map<String, Stored> winners : listed.values()) {
        Stored winner = winners.get(order);
        if (winner != null) {
          found.put(order, winner);
          break;
        }
      }
    }
    return Optional.of(found);
  }
}
