package io.orderstream.sink;

import io.orderstream.model.ColumnDef;
import io.orderstream.store.DriverScan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;

/**
 * The probed columns of the data files {@link DriverWrite} has read, kept between batches so that a
 * batch opens only the files written since.
 *
 * <p>A Delta data file never changes once written, and its live rows change only with a new
 * deletion vector, which the key includes: an entry cannot go stale, only unused. Opening a file is
 * what a small batch's write paid most for (Parquet's footer reader, given Kernel's input files,
 * builds and parses a Hadoop configuration per file), and a dimension's first pass opens every file
 * of the table. Entries are dropped least recently used first once they hold more than {@code
 * maxValues} values.
 */
final class ProbedFiles {
  private final long maxValues;
  private final Map<String, List<Row>> byFile = new LinkedHashMap<>(64, 0.75f, true);
  private long values;
  private long opened;

  /**
   * @param maxValues the most values kept over every table, a row counting its columns plus one for
   *     its own weight in heap (a key alone is a small row, not a free one); 0 keeps none
   */
  ProbedFiles(long maxValues) {
    this.maxValues = maxValues;
  }

  /**
   * The probed rows of {@code file} (a scan file row), read with {@code read} unless kept.
   *
   * @param probed the columns read, part of the key: a file read for other columns is read again
   */
  List<Row> rowsOf(
      io.delta.kernel.data.Row file, List<ColumnDef> probed, Supplier<List<Row>> read) {
    String key = key(file, probed);
    synchronized (this) {
      List<Row> kept = byFile.get(key);
      if (kept != null) {
        return kept;
      }
      opened++;
    }
    List<Row> fileRows = List.copyOf(read.get());
    keep(key, fileRows, (long) fileRows.size() * (probed.size() + 1));
    return fileRows;
  }

  /** How many files were read because they were not kept, since this was made. */
  synchronized long opened() {
    return opened;
  }

  private synchronized void keep(String key, List<Row> fileRows, long fileValues) {
    if (fileValues > maxValues || byFile.containsKey(key)) {
      return;
    }
    byFile.put(key, fileRows);
    values += fileValues;
    var eldest = byFile.entrySet().iterator();
    while (values > maxValues && eldest.hasNext()) {
      var entry = eldest.next();
      values -= valuesOf(entry.getValue());
      eldest.remove();
    }
  }

  private static long valuesOf(List<Row> fileRows) {
    return fileRows.isEmpty() ? 0 : (long) fileRows.size() * (fileRows.get(0).size() + 1);
  }

  private static String key(io.delta.kernel.data.Row file, List<ColumnDef> probed) {
    StringBuilder key = new StringBuilder(DriverScan.Files.key(file));
    probed.forEach(column -> key.append('\n').append(column.name()));
    return key.toString();
  }
}
