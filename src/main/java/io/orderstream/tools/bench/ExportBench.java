package io.orderstream.tools.bench;

import io.orderstream.export.AppliedChanges;
import io.orderstream.export.ExportConfig;
import io.orderstream.export.ExportedTable;
import io.orderstream.export.Exporter;
import io.orderstream.export.StepResult;
import io.orderstream.read.ConsistentSnapshot;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;

/**
 * The export part: follows the history part's tables into PostgreSQL with {@code orderstream
 * export}'s own steps ({@link Exporter}, one step per call, in this JVM and Spark session, as
 * {@code export --follow} runs them), and times them.
 *
 * <ul>
 *   <li>At the first history level the database is created and loaded whole (not a figure). At the
 *       level nearest {@value ExportFigures#FIRST_EXPORT_ORDERS} orders it is dropped, created
 *       again and loaded whole: that step is the first-export figure. At any other level the
 *       history's copies are exported incrementally before the level's batches, so that no timed
 *       step carries them.
 *   <li>After every timed batch one step brings the database up to that batch: the figure. It must
 *       find the batch's changes (no table reloaded whole), or the part fails: a reload would time
 *       the history, not the batch.
 * </ul>
 *
 * At the end every table's row count in PostgreSQL must equal the Delta table's at the manifest.
 */
final class ExportBench implements HistoryObserver {
  private final SparkSession spark;
  private final BenchDatabase database;
  private final String tables;
  private final PrintWriter progress;
  private final ExportFigures figures;
  private ExportConfig config;

  /**
   * @param tables the history part's tables location
   */
  ExportBench(
      SparkSession spark,
      BenchDatabase database,
      BenchSize size,
      String tables,
      PrintWriter progress) {
    this.spark = spark;
    this.database = database;
    this.tables = tables;
    this.progress = progress;
    this.figures = new ExportFigures(size.historyOrders());
  }

  @Override
  public void historyReady(int orders) {
    if (config == null || orders == figures.firstLevel()) {
      config = database.recreate(tables);
      long started = System.nanoTime();
      StepResult step = step();
      long millis = elapsed(started);
      if (orders == figures.firstLevel()) {
        figures.first(step, millis);
        say(
            "export: first export of the %d-order history, %d rows in %d ms (%.0f rows/s)",
            orders,
            ExportFigures.rowsByTable(step).values().stream().mapToLong(Long::longValue).sum(),
            millis,
            figures.firstRowsPerSecond());
      } else {
        say(
            "export: database loaded with the %d-order history in %d ms (not a figure)",
            orders, millis);
      }
    } else {
      long started = System.nanoTime();
      step();
      figures.catchUp(orders, elapsed(started));
      say(
          "export: the copies up to %d orders exported in %d ms (not a figure)",
          orders, elapsed(started));
    }
  }

  @Override
  public void batchDone(int orders) {
    long started = System.nanoTime();
    StepResult step = step();
    long millis = elapsed(started);
    List<String> reloaded =
        step.tables().stream().filter(AppliedChanges::reloaded).map(AppliedChanges::table).toList();
    if (step.changedNothing() || !reloaded.isEmpty()) {
      throw new IllegalStateException(
          "The export after a batch at "
              + orders
              + " orders "
              + (step.changedNothing()
                  ? "found nothing to export"
                  : "reloaded " + reloaded + " whole instead of finding the batch's changes")
              + ": its time would not be one batch's; see the log above");
    }
    figures.batch(orders, step, millis);
    say(
        "export: one batch at %d orders in %d ms: %s",
        orders, millis, ExportFigures.rowsByTable(step));
  }

  /** Checks that the database holds as many rows per table as the Delta tables at the manifest. */
  ExportFigures finish() {
    ConsistentSnapshot snapshot = ConsistentSnapshot.latest(spark, tables);
    for (ExportedTable table : ExportedTable.all(false /* without order_event_latest */)) {
      long delta = snapshot.table(table.name()).count();
      long exported = database.count(table.name());
      if (delta != exported) {
        throw new IllegalStateException(
            "After the export part, table "
                + table.name()
                + " holds "
                + exported
                + " rows in PostgreSQL and "
                + delta
                + " in Delta: the export figures are not trustworthy");
      }
    }
    say("export: every table's row count in %s equals the Delta table's", BenchDatabase.NAME);
    return figures;
  }

  private StepResult step() {
    AtomicReference<StepResult> result = new AtomicReference<>();
    new Exporter(() -> spark, config).run(result::set);
    return result.get();
  }

  private static long elapsed(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private void say(String format, Object... args) {
    progress.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    progress.flush();
  }
}
