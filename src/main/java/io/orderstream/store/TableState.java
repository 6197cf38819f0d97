package io.orderstream.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.ScanImpl;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.types.StructField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a stored table's log says about it, read on the driver with Delta Kernel: its columns, its
 * properties, and whether a column may hold nulls by its files' statistics.
 *
 * <p>For the checks every start makes on every table (recorded settings, missing columns, key
 * format, statistics): asked through Spark, they cost a {@code DESCRIBE DETAIL} or a query per
 * check and table, about 12 s of a fresh JVM's restart with nothing to process; from the log they
 * cost a listing and a read of the latest commits. Spark still does whatever a check finds to
 * change.
 */
public final class TableState {
  private final Engine engine;
  private final Snapshot snapshot;

  private TableState(Engine engine, Snapshot snapshot) {
    this.engine = engine;
    this.snapshot = snapshot;
  }

  /** The table's latest version; empty when {@code path} holds no Delta table. */
  public static Optional<TableState> read(Engine engine, String path) {
    try {
      return Optional.of(
          new TableState(engine, Table.forPath(engine, path).getLatestSnapshot(engine)));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }

  public Set<String> columnNames() {
    Set<String> names = new LinkedHashSet<>();
    for (StructField field : snapshot.getSchema().fields()) {
      names.add(field.getName());
    }
    return names;
  }

  /** The table's properties ({@code TBLPROPERTIES}), Delta's own included. */
  public Map<String, String> properties() {
    return ((SnapshotImpl) snapshot).getMetadata().getConfiguration();
  }

  /**
   * Whether a live row may hold null in {@code column}: false only when every live file's
   * statistics count no null there. A file without statistics for it (written before the column
   * existed, or by a writer that keeps none) may; so may one whose nulls a deletion vector hides,
   * since the count covers the file's rows as written.
   */
  public boolean mayHoldNulls(String column) {
    ScanImpl scan = (ScanImpl) snapshot.getScanBuilder().build();
    try (var batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        FilteredColumnarBatch batch = batches.next();
        try (var files = batch.getRows()) {
          while (files.hasNext()) {
            if (nullsIn(files.next().getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL), column)) {
              return true;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return false;
  }

  private static boolean nullsIn(Row add, String column) {
    JsonNode nulls =
        StatsRowCount.statsOf(add).map(stats -> stats.path("nullCount").get(column)).orElse(null);
    return nulls == null || !nulls.canConvertToLong() || nulls.asLong() > 0;
  }
}
