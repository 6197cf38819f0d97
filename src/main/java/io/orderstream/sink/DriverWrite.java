package io.orderstream.sink;

import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.orderstream.error.Errors;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.TableDef;
import io.orderstream.store.DriverScan;
import io.orderstream.store.KernelValues;
import io.orderstream.store.ValuesVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one table's share of a small batch from the driver with Delta Kernel: no Spark job, one
 * commit, the same rows a Spark MERGE would leave.
 *
 * <p>Copy-on-write, in two passes: the files that may hold the batch's keys (Kernel's data skipping
 * on the rule's filter) are read with their deletion vectors applied, only the columns the {@link
 * RowRule} looks at; the rule says which stored rows go and which rows arrive; every file holding a
 * row that goes is read whole and removed, and its other rows are written again with the arriving
 * ones into one new file. The first pass's rows of each file are kept between batches ({@link
 * ProbedFiles}), so a batch opens only the files written since. The commit carries the batch's
 * transaction id like a Spark write, so a replay of the batch, through either path, skips a table
 * already written.
 *
 * <p>A Spark MERGE costs about a second per table whatever the batch's size (state reconstruction,
 * planning, several jobs); this path costs what its files cost to read and write, on one thread. So
 * it stands aside ({@link Optional#empty()}), and the caller MERGEs with Spark instead, when the
 * files to probe exceed {@code maxReadBytes} or the files to rewrite exceed a quarter of it.
 */
public final class DriverWrite {
  /**
   * The most bytes of a table's stored files a batch reads on the driver; above it, Spark MERGEs. 0
   * turns the driver path off.
   */
  public static final String MAX_READ_BYTES_CONF = "spark.orderstream.sink.driverWriteMaxBytes";

  static final long DEFAULT_MAX_READ_BYTES = 32L << 20;

  /** The files a batch rewrites may total at most this share of {@code maxReadBytes}. */
  private static final int REWRITE_SHARE = 4;

  private static final Logger LOG = LoggerFactory.getLogger(DriverWrite.class);

  /** Who commits, as Delta's history shows it. */
  private static final String ENGINE_INFO = "orderstream";

  /**
   * The most probed values kept between batches ({@link ProbedFiles}), over every table: a million
   * rows of six columns, or three and a half million keys alone; a few hundred MB of heap at most.
   */
  private static final long PROBED_VALUES_KEPT = 7_000_000;

  private final Engine engine;
  private final DriverScan scan;
  private final long maxReadBytes;
  private final ProbedFiles probedFiles = new ProbedFiles(PROBED_VALUES_KEPT);

  /**
   * @param maxReadBytes the most bytes of stored files this path reads for one table; 0 turns it
   *     off
   */
  DriverWrite(Engine engine, long maxReadBytes) {
    this.engine = engine;
    this.scan = new DriverScan(engine);
    this.maxReadBytes = maxReadBytes;
  }

  /**
   * The driver path as the session's settings give it, with the session's Hadoop settings (object
   * store credentials and endpoints) for reading and writing files.
   *
   * @param tables where the tables live: Kernel commits through Hadoop's {@code FileContext}, so a
   *     file system with no {@code AbstractFileSystem} for its scheme is written with Spark's MERGE
   */
  public static DriverWrite forSession(SparkSession spark, String tables) {
    String value = spark.conf().get(MAX_READ_BYTES_CONF, Long.toString(DEFAULT_MAX_READ_BYTES));
    long bytes;
    try {
      bytes = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      bytes = -1;
    }
    if (bytes < 0) {
      throw Errors.invalidSetting(
          MAX_READ_BYTES_CONF,
          value,
          "a whole number of bytes, 0 (always MERGE with Spark) or more");
    }
    Configuration hadoop = spark.sessionState().newHadoopConf();
    URI location = new org.apache.hadoop.fs.Path(tables).toUri();
    if (bytes > 0) {
      try {
        FileContext.getFileContext(location, hadoop);
      } catch (UnsupportedFileSystemException e) {
        LOG.warn(
            "Every table is written with Spark's MERGE: the driver's writes need a Hadoop"
                + " AbstractFileSystem for {} (fs.AbstractFileSystem.{}.impl)",
            location.getScheme(),
            location.getScheme());
        bytes = 0;
      }
    }
    return new DriverWrite(DefaultEngine.create(hadoop), bytes);
  }

  /**
   * Which stored rows a batch replaces or deletes, and which rows it adds.
   *
   * @param filter lets Kernel's data skipping drop files that cannot hold a stored row the rule
   *     concerns; empty reads every file
   * @param concerns whether the batch may replace or delete a stored row; only those reach {@code
   *     plan}
   * @param plan from the stored rows {@code concerns} accepted, by key, what the batch does
   * @param reads the columns {@code concerns} and {@code plan} look at: only these are read from
   *     every listed file; whole rows are read only from the files the batch rewrites
   * @param keys when present, {@code concerns} accepts only stored rows with one of these keys:
   *     every listed file is read for its keys alone, and for {@code reads} only if it holds one.
   *     For a dimension, whose hashed keys leave no file to skip, that is one column of every file
   *     instead of six
   */
  record RowRule(
      Optional<Predicate> filter,
      java.util.function.Predicate<Row> concerns,
      Function<Map<Object, Row>, Plan> plan,
      Set<String> reads,
      Optional<Set<Object>> keys) {

    /** A rule that reads {@code reads} from every listed file. */
    RowRule(
        Optional<Predicate> filter,
        java.util.function.Predicate<Row> concerns,
        Function<Map<Object, Row>, Plan> plan,
        Set<String> reads) {
      this(filter, concerns, plan, reads, Optional.empty());
    }
  }

  /**
   * What a batch does to a table: the stored keys that go (replaced or deleted) and the rows that
   * arrive, in the table's columns.
   */
  record Plan(Set<Object> leaving, List<Row> arriving, MergeMetrics metrics) {}

  /**
   * An upsert by key: a new key arrives; a stored one is replaced when {@code sourceReplaces}
   * (source, stored) holds, as a MERGE's conditional {@code whenMatched().updateAll()} does.
   */
  static Plan upsert(
      Map<Object, Row> incoming, Map<Object, Row> concerned, BiPredicate<Row, Row> sourceReplaces) {
    Set<Object> leaving = new HashSet<>();
    List<Row> arriving = new ArrayList<>();
    long inserted = 0;
    long updated = 0;
    for (Map.Entry<Object, Row> source : incoming.entrySet()) {
      Row stored = concerned.get(source.getKey());
      if (stored == null) {
        arriving.add(source.getValue());
        inserted++;
      } else if (sourceReplaces.test(source.getValue(), stored)) {
        leaving.add(source.getKey());
        arriving.add(source.getValue());
        updated++;
      }
    }
    return new Plan(leaving, arriving, new MergeMetrics(inserted, updated, 0));
  }

  /**
   * Whether small batches are written from the driver; off, every table is written with Spark's
   * MERGE, and the batch's lookups are Spark queries too.
   */
  public boolean enabled() {
    return maxReadBytes > 0;
  }

  /** How many data files the first passes have opened, those kept from earlier batches aside. */
  long probedFilesOpened() {
    return probedFiles.opened();
  }

  /**
   * @return the rows changed, {@link MergeMetrics#NONE} when this batch was already committed to
   *     the table, or empty when the table is too large for this path (nothing was written)
   */
  Optional<MergeMetrics> apply(TableDef table, String path, BatchTransaction txn, RowRule rule) {
    if (maxReadBytes <= 0) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    Table delta = Table.forPath(engine, path);
    Transaction transaction;
    try {
      transaction =
          delta
              .createTransactionBuilder(engine, ENGINE_INFO, Operation.MANUAL_UPDATE)
              .withTransactionId(engine, txn.appId(), txn.batchId())
              .build(engine);
    } catch (ConcurrentTransactionException alreadyCommitted) {
      return Optional.of(MergeMetrics.NONE);
    }
    Snapshot snapshot = delta.getSnapshotAsOfVersion(engine, transaction.getReadTableVersion());
    if (!snapshot.getSchema().fieldNames().equals(table.columnNames())) {
      // A table whose columns differ from the model's (an upgrade under way) goes through Spark,
      // which matches columns by name.
      LOG.debug("{}: Spark's MERGE, the stored columns differ from the model's", table.name());
      return Optional.empty();
    }
    List<ColumnDef> probed =
        table.columns().stream()
            .filter(c -> c.name().equals(table.key()) || rule.reads().contains(c.name()))
            .toList();
    List<ColumnDef> keyOnly = table.columns(table.key());
    StoredFiles stored = StoredFiles.scan(scan, snapshot, rule.filter(), probed, keyOnly, table);
    if (stored.bytes() > maxReadBytes) {
      LOG.debug(
          "{}: Spark's MERGE, {} files of {} bytes to probe, over {}",
          table.name(),
          stored.files().size(),
          stored.bytes(),
          maxReadBytes);
      return Optional.empty();
    }
    // First pass: the probed columns of every listed file, which is all a rule needs to decide;
    // with the rule's keys given, a file's key column first, the rest only if it holds one.
    String key = table.key();
    Map<Object, Row> concerned = new HashMap<>();
    Map<io.delta.kernel.data.Row, Set<Object>> keysByFile = new LinkedHashMap<>();
    for (io.delta.kernel.data.Row file : stored.files()) {
      Set<Object> keys;
      List<Row> rows;
      if (rule.keys().isPresent()) {
        keys = probedFiles.keysOf(file, keyOnly, () -> stored.probeKeys(file));
        rows =
            meet(rule.keys().get(), keys)
                ? probedFiles.rowsOf(file, probed, () -> stored.probe(file))
                : List.of();
      } else {
        rows = probedFiles.rowsOf(file, probed, () -> stored.probe(file));
        Set<Object> read = new HashSet<>();
        rows.forEach(row -> read.add(row.getAs(key)));
        keys = read;
      }
      for (Row row : rows) {
        if (rule.concerns().test(row)) {
          concerned.put(row.getAs(key), row);
        }
      }
      keysByFile.put(file, keys);
    }
    Plan plan = rule.plan().apply(concerned);
    long decided = System.nanoTime();
    // Second pass: whole rows, only from the files that hold a row that goes.
    int keyIndex = table.columnNames().indexOf(key);
    List<Row> written = new ArrayList<>(plan.arriving());
    List<io.delta.kernel.data.Row> actions = new ArrayList<>();
    long now = System.currentTimeMillis();
    List<io.delta.kernel.data.Row> touched =
        keysByFile.entrySet().stream()
            .filter(file -> meet(plan.leaving(), file.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    long touchedBytes =
        touched.stream().mapToLong(f -> InternalScanFileUtils.getAddFileStatus(f).getSize()).sum();
    if (touchedBytes > maxReadBytes / REWRITE_SHARE) {
      // Rewriting large files row by row on one thread costs more than Spark's MERGE, which
      // marks rows with deletion vectors where the table has them.
      LOG.debug(
          "{}: Spark's MERGE, {} files of {} bytes to rewrite, over a {}th of {}",
          table.name(),
          touched.size(),
          touchedBytes,
          REWRITE_SHARE,
          maxReadBytes);
      return Optional.empty();
    }
    for (io.delta.kernel.data.Row file : touched) {
      for (Row row : stored.read(file, table)) {
        if (!plan.leaving().contains(row.get(keyIndex))) {
          written.add(row);
        }
      }
      AddFile add = new AddFile(file.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL));
      actions.add(
          SingleAction.createRemoveFileSingleAction(add.toRemoveFileRow(true, Optional.of(now))));
    }
    if (actions.isEmpty() && plan.arriving().isEmpty()) {
      return Optional.of(MergeMetrics.NONE);
    }
    if (!written.isEmpty()) {
      actions.addAll(writeFile(transaction, written, table));
    }
    commit(transaction, actions);
    LOG.debug(
        "{}: written from the driver, {} files of {} bytes probed in {} ms, {} rewritten, {} ms in"
            + " all",
        table.name(),
        stored.files().size(),
        stored.bytes(),
        (decided - started) / 1_000_000,
        touched.size(),
        (System.nanoTime() - started) / 1_000_000);
    return Optional.of(plan.metrics());
  }

  private List<io.delta.kernel.data.Row> writeFile(
      Transaction transaction, List<Row> rows, TableDef table) {
    io.delta.kernel.data.Row state = transaction.getTransactionState(engine);
    io.delta.kernel.types.StructType schema = transaction.getSchema(engine);
    int columns = table.columns().size();
    ColumnVector[] vectors = new ColumnVector[columns];
    for (int c = 0; c < columns; c++) {
      Object[] values = new Object[rows.size()];
      for (int r = 0; r < values.length; r++) {
        values[r] = KernelValues.toKernel(rows.get(r).get(c));
      }
      vectors[c] = new ValuesVector(schema.at(c).getDataType(), values);
    }
    ColumnarBatch batch = new DefaultColumnarBatch(rows.size(), schema, vectors);
    var context = Transaction.getWriteContext(engine, state, Map.of());
    List<io.delta.kernel.data.Row> adds = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> physical =
            Transaction.transformLogicalData(
                engine,
                state,
                Utils.singletonCloseableIterator(
                    new FilteredColumnarBatch(batch, Optional.empty())),
                Map.of());
        CloseableIterator<DataFileStatus> files =
            engine
                .getParquetHandler()
                .writeParquetFiles(
                    context.getTargetDirectory(), physical, context.getStatisticsColumns());
        CloseableIterator<io.delta.kernel.data.Row> actions =
            Transaction.generateAppendActions(engine, state, files, context)) {
      actions.forEachRemaining(adds::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return adds;
  }

  private void commit(Transaction transaction, List<io.delta.kernel.data.Row> actions) {
    TransactionCommitResult result =
        transaction.commit(
            engine,
            CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
    // Checkpoints every checkpointInterval commits and the version's checksum, which Spark reads
    // for the table's protocol and metadata instead of replaying the log.
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(engine);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Whether the two sets share a value: a pass over the smaller, a lookup in the larger. */
  private static boolean meet(Set<Object> some, Set<Object> others) {
    Set<Object> smaller = some.size() <= others.size() ? some : others;
    Set<Object> larger = smaller == some ? others : some;
    for (Object value : smaller) {
      if (larger.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The live data files a snapshot's scan keeps under a filter, and how to read them: whole, or
   * only the probed columns.
   */
  private record StoredFiles(
      DriverScan.Files probed,
      DriverScan.Files keys,
      DriverScan.Files whole,
      StructType probedRowSchema,
      StructType keyRowSchema) {

    static StoredFiles scan(
        DriverScan scan,
        Snapshot snapshot,
        Optional<Predicate> filter,
        List<ColumnDef> probed,
        List<ColumnDef> keyOnly,
        TableDef table) {
      DriverScan.Files probing = scan.files(snapshot, filter, probed);
      return new StoredFiles(
          probing,
          probing.withColumns(keyOnly),
          probing.withColumns(table.columns()),
          rowSchema(probed),
          rowSchema(keyOnly));
    }

    private static StructType rowSchema(List<ColumnDef> columns) {
      return new StructType(
          columns.stream()
              .map(c -> DataTypes.createStructField(c.name(), c.type(), true))
              .toArray(org.apache.spark.sql.types.StructField[]::new));
    }

    /** The file's live rows, with the key only. */
    List<Row> probeKeys(io.delta.kernel.data.Row file) {
      List<Row> rows = new ArrayList<>();
      keys.read(file, values -> rows.add(new GenericRowWithSchema(values, keyRowSchema)));
      return rows;
    }

    List<io.delta.kernel.data.Row> files() {
      return probed.files();
    }

    long bytes() {
      return probed.bytes();
    }

    /** The file's live rows, with the probed columns only. */
    List<Row> probe(io.delta.kernel.data.Row file) {
      List<Row> rows = new ArrayList<>();
      probed.read(file, values -> rows.add(new GenericRowWithSchema(values, probedRowSchema)));
      return rows;
    }

    /** The file's live rows, in the table's columns. */
    List<Row> read(io.delta.kernel.data.Row file, TableDef table) {
      StructType schema = table.schema();
      List<Row> rows = new ArrayList<>();
      whole.read(file, values -> rows.add(new GenericRowWithSchema(values, schema)));
      return rows;
    }
  }
}
