package io.orderstream.store;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.ScanImpl;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.orderstream.model.ColumnDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a few columns of a Delta table's live rows on the driver with Delta Kernel: no Spark job.
 *
 * <p>For the lookups a small batch makes in tables whose files Delta's statistics narrow down, or
 * whose files the caller keeps between batches: a Spark query costs a few hundred milliseconds of
 * planning and scheduling whatever it reads, which a batch of twenty events feels.
 */
public final class DriverScan {
  private final Engine engine;

  public DriverScan(Engine engine) {
    this.engine = engine;
  }

  /** With the session's Hadoop settings (object store credentials and endpoints). */
  public static DriverScan forSession(SparkSession spark) {
    return new DriverScan(DefaultEngine.create(spark.sessionState().newHadoopConf()));
  }

  /**
   * The live files of the table's latest version that {@code filter} may match (Kernel's data
   * skipping on file statistics; empty lists every file), ready to read {@code columns} from.
   */
  public Files files(String path, Optional<Predicate> filter, List<ColumnDef> columns) {
    return files(Table.forPath(engine, path).getLatestSnapshot(engine), filter, columns);
  }

  /** {@link #files(String, Optional, List)} of a given version of the table. */
  public Files files(Snapshot snapshot, Optional<Predicate> filter, List<ColumnDef> columns) {
    var listing = snapshot.getScanBuilder();
    if (filter.isPresent()) {
      listing = listing.withFilter(filter.get());
    }
    List<io.delta.kernel.data.Row> files = new ArrayList<>();
    // With statistics kept in the listed files, so a caller can count their rows unread.
    try (CloseableIterator<FilteredColumnarBatch> batches =
        ((ScanImpl) listing.build()).getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<io.delta.kernel.data.Row> rows = batches.next().getRows()) {
          rows.forEachRemaining(files::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Files(
        this, snapshot, List.copyOf(files), reader(snapshot, columns), List.copyOf(columns));
  }

  /** Reads {@code columns} of the snapshot's data files. */
  private LiveRows reader(Snapshot snapshot, List<ColumnDef> columns) {
    StructType schema = snapshot.getSchema();
    StructType read = new StructType();
    for (ColumnDef column : columns) {
      read = read.add(schema.get(column.name()));
    }
    Scan reading = snapshot.getScanBuilder().withReadSchema(read).build();
    io.delta.kernel.data.Row state = reading.getScanState(engine);
    return new LiveRows(engine, state, ScanStateRow.getPhysicalDataReadSchema(engine, state));
  }

  /** Listed files and the columns read from them. */
  public record Files(
      DriverScan scan,
      Snapshot snapshot,
      List<io.delta.kernel.data.Row> files,
      LiveRows reader,
      List<ColumnDef> columns) {

    /** The same files, read for other columns. */
    public Files withColumns(List<ColumnDef> other) {
      return new Files(scan, snapshot, files, scan.reader(snapshot, other), List.copyOf(other));
    }

    /** The listed files' size on storage. */
    public long bytes() {
      return files.stream()
          .mapToLong(file -> InternalScanFileUtils.getAddFileStatus(file).getSize())
          .sum();
    }

    /** Calls {@code each} with the columns' values of every live row of every listed file. */
    public void readAll(Consumer<Object[]> each) {
      files.forEach(file -> read(file, each));
    }

    /** Calls {@code each} with the columns' values of every live row of {@code file}. */
    public void read(io.delta.kernel.data.Row file, Consumer<Object[]> each) {
      reader.read(file, columns, each);
    }

    /**
     * What identifies a file's live rows: its path and its deletion vector. A data file never
     * changes once written, so rows read under this key can be kept for as long as it is listed.
     */
    public static String key(io.delta.kernel.data.Row file) {
      DeletionVectorDescriptor deleted =
          InternalScanFileUtils.getDeletionVectorDescriptorFromRow(file);
      return InternalScanFileUtils.getAddFileStatus(file).getPath()
          + '\n'
          + (deleted == null ? "" : deleted.getUniqueId());
    }

    /** The file's row count by its statistics, its deletion vector's rows left out; -1 unknown. */
    public static long rows(io.delta.kernel.data.Row file) {
      return StatsRowCount.ofFile(file).orElse(-1);
    }
  }
}
