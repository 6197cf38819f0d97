package io.orderstream.sink;

import io.orderstream.model.ColumnDef;
import io.orderstream.store.DriverScan;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final Map<String, Kept> byFile = new LinkedHashMap<>(64, 0.75f, true);
  private long values;
  private long opened;

  /** What is kept of one file, and how many values it counts for. */
  private record Kept(Object content, long values) {}

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
  @SuppressWarnings("unchecked")
  List<Row> rowsOf(
      io.delta.kernel.data.Row file, List<ColumnDef> probed, Supplier<List<Row>> read) {
    return (List<Row>)
        kept(
            key(file, probed),
            () -> {
              List<Row> fileRows = List.copyOf(read.get());
              return new Kept(fileRows, (long) fileRows.size() * (probed.size() + 1));
            });
  }

  /**
   * The keys of {@code file} as a set, from its key-only rows read with {@code read} unless kept: a
   * batch asks whether a file holds any of its few keys, which a set answers without a pass over
   * every row of the file.
   *
   * @param keyOnly the key column, part of the cache's key
   */
  @SuppressWarnings("unchecked")
  Set<Object> keysOf(
      io.delta.kernel.data.Row file, List<ColumnDef> keyOnly, Supplier<List<Row>> read) {
    return (Set<Object>)
        kept(
            key(file, keyOnly) + "\nas a set",
            () -> {
              Set<Object> keys = new HashSet<>();
              read.get().forEach(row -> keys.add(row.get(0)));
              return new Kept(Collections.unmodifiableSet(keys), (long) keys.size() * 2);
            });
  }

  /** How many files were read because they were not kept, since this was made. */
  synchronized long opened() {
    return opened;
  }

  private Object kept(String key, Supplier<Kept> read) {
    synchronized (this) {
      Kept kept = byFile.get(key);
      if (kept != null) {
        return kept.content();
      }
      opened++;
    }
    Kept fresh = read.get();
    keep(key, fresh);
    return fresh.content();
  }

  private synchronized void keep(String key, Kept fresh) {
    if (fresh.values() > maxValues || byFile.containsKey(key)) {
      return;
    }
    byFile.put(key, fresh);
    values += fresh.values();
    var eldest = byFile.entrySet().iterator();
    while (values > maxValues && eldest.hasNext()) {
      var entry = eldest.next();
      values -= entry.getValue().values();
      eldest.remove();
    }
  }

  private static String key(io.delta.kernel.data.Row file, List<ColumnDef> probed) {
    StringBuilder key = new StringBuilder(DriverScan.Files.key(file));
    probed.forEach(column -> key.append('\n').append(column.name()));
    return key.toString();
  }
}
