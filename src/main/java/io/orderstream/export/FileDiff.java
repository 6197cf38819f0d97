package io.orderstream.export;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.orderstream.store.DriverScan;
import io.orderstream.store.LiveRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What changed in one Delta table between two versions, found from its files instead of its change
 * data feed, and read on the driver with Delta Kernel (no Spark job).
 *
 * <p>A data file with the same deletion vector in both versions holds the same live rows in both,
 * so only the files (or deletion vectors) that one version has and the other has not are read: the
 * older version's leaving rows and the newer version's arriving rows. Their difference by key is
 * the change: a key whose row arrived different or new is upserted, a key that left and did not
 * arrive is deleted. A rewrite that changed no row (compaction, a copy-on-write MERGE's untouched
 * neighbours) cancels out. The cost follows the files the commits in between wrote, as the batch's
 * own MERGE did, not the table's size.
 */
final class FileDiff {
  private final Engine engine;

  FileDiff(Engine engine) {
    this.engine = engine;
  }

  /**
   * The rows to upsert and the keys to delete that take {@code table} from {@code from} to {@code
   * to}.
   */
  Changes between(ExportedTable table, String path, long from, long to) {
    Table delta = Table.forPath(engine, path);
    Version older = new Version(delta.getSnapshotAsOfVersion(engine, from), table);
    Version newer = new Version(delta.getSnapshotAsOfVersion(engine, to), table);
    Map<Object, Row> left = older.rowsOfFilesNotIn(newer);
    Map<Object, Row> arrived = newer.rowsOfFilesNotIn(older);
    List<Row> upserts = new ArrayList<>();
    arrived.forEach(
        (key, row) -> {
          if (!row.equals(left.get(key))) {
            upserts.add(row);
          }
        });
    List<Row> deletes = new ArrayList<>();
    left.keySet().stream()
        .filter(key -> !arrived.containsKey(key))
        .forEach(key -> deletes.add(RowFactory.create(key)));
    return new Changes(upserts, deletes);
  }

  /** Rows to upsert (the exported columns) and keys to delete (one column). */
  record Changes(List<Row> upserts, List<Row> deletes) {}

  /** One version of the table: its live data files by identity, and how to read them. */
  private final class Version {
    private final ExportedTable table;
    private final io.delta.kernel.data.Row scanState;
    private final StructType physicalSchema;
    private final Map<String, io.delta.kernel.data.Row> files = new LinkedHashMap<>();

    Version(Snapshot snapshot, ExportedTable table) {
      this.table = table;
      StructType schema = snapshot.getSchema();
      StructType readSchema = new StructType();
      for (String name : table.columnNames()) {
        if (schema.indexOf(name) < 0) {
          throw new IllegalStateException(
              "version " + snapshot.getVersion() + " has no column " + name);
        }
        readSchema = readSchema.add(schema.get(name));
      }
      Scan scan = snapshot.getScanBuilder().withReadSchema(readSchema).build();
      this.scanState = scan.getScanState(engine);
      this.physicalSchema = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
      try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine)) {
        while (batches.hasNext()) {
          try (CloseableIterator<io.delta.kernel.data.Row> rows = batches.next().getRows()) {
            while (rows.hasNext()) {
              io.delta.kernel.data.Row file = rows.next();
              files.put(DriverScan.Files.key(file), file);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The live rows, by key, of the files this version has and {@code other} has not. */
    Map<Object, Row> rowsOfFilesNotIn(Version other) {
      Map<Object, Row> rows = new HashMap<>();
      for (Map.Entry<String, io.delta.kernel.data.Row> file : files.entrySet()) {
        if (!other.files.containsKey(file.getKey())) {
          read(file.getValue(), rows);
        }
      }
      return rows;
    }

    private void read(io.delta.kernel.data.Row file, Map<Object, Row> into) {
      int keyIndex = table.columnNames().indexOf(table.key());
      new LiveRows(engine, scanState, physicalSchema)
          .read(
              file,
              table.columns(),
              values -> into.put(values[keyIndex], RowFactory.create(values)));
    }
  }
}
