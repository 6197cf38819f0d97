package io.orderstream.pipeline;

import io.orderstream.model.ColumnDef;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.store.DriverScan;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instant of each order's stored winner ({@code order_event_latest.updated_at}), looked up on
 * the driver for a batch's orders.
 *
 * <p>Nothing in {@code order_event_latest}'s layout tells which file holds an order, so a lookup
 * reads every file. Each file's orders are kept between batches under the file's path and deletion
 * vector ({@link DriverScan.Files#key}): a data file never changes, so a batch opens only the files
 * written since the last one, and a file no longer listed is forgotten. Above {@code maxRows} live
 * rows the table is not kept on the driver at all and the caller looks up with Spark.
 */
final class StoredWinnerInstants {
  private static final List<ColumnDef> READ =
      OrderEventLatestTable.DEFINITION.columns("order_id", OrderEventLatestTable.UPDATED_AT);

  private final DriverScan scan;
  private final String path;
  private final long maxRows;
  private Map<String, Map<String, Timestamp>> byFile = new HashMap<>();

  /**
   * @param path where {@code order_event_latest} is
   * @param maxRows the most live rows kept on the driver
   */
  StoredWinnerInstants(DriverScan scan, String path, long maxRows) {
    this.scan = scan;
    this.path = path;
    this.maxRows = maxRows;
  }

  /**
   * The stored winner's instant of each of {@code orders} the table holds; empty when the table has
   * more than {@code maxRows} live rows, or files without statistics.
   */
  synchronized Optional<Map<String, Timestamp>> of(Collection<String> orders) {
    DriverScan.Files files = scan.files(path, Optional.empty(), READ);
    long rows = 0;
    for (io.delta.kernel.data.Row file : files.files()) {
      long fileRows = DriverScan.Files.rows(file);
      if (fileRows < 0 || (rows += fileRows) > maxRows) {
        byFile = new HashMap<>();
        return Optional.empty();
      }
    }
    Map<String, Map<String, Timestamp>> listed = new HashMap<>();
    for (io.delta.kernel.data.Row file : files.files()) {
      String key = DriverScan.Files.key(file);
      Map<String, Timestamp> instants = byFile.get(key);
      if (instants == null) {
        Map<String, Timestamp> read = new HashMap<>();
        files.read(file, values -> read.put((String) values[0], (Timestamp) values[1]));
        instants = read;
      }
      listed.put(key, instants);
    }
    byFile = listed;
    Map<String, Timestamp> found = new HashMap<>();
    for (String order : orders) {
      for (Map<String, Timestamp> instants : listed.values()) {
        Timestamp instant = instants.get(order);
        if (instant != null) {
          found.put(order, instant);
          break;
        }
      }
    }
    return Optional.of(found);
  }
}
