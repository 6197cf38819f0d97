package io.orderstream.tools.bench;

import io.orderstream.export.AppliedChanges;
import io.orderstream.export.StepResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the export part measured, collected step by step, and how it goes into results.json: the
 * first export of one history level (rows per second, every exported row counted once) and the
 * export steps after each timed batch, per history level (the median is the headline figure).
 */
final class ExportFigures {
  /** The history the issue states the first export for; the level nearest it is measured. */
  static final int FIRST_EXPORT_ORDERS = 100_000;

  private final int firstLevel;
  private long firstMillis = -1;
  private Map<String, Long> firstRows = Map.of();
  private final Map<Integer, List<Long>> batchMillis = new LinkedHashMap<>();
  private final Map<Integer, Map<String, Long>> batchRows = new LinkedHashMap<>();
  private final Map<Integer, Long> catchUpMillis = new LinkedHashMap<>();

  ExportFigures(List<Integer> levels) {
    this.firstLevel = nearest(levels, FIRST_EXPORT_ORDERS);
  }

  /** The level closest to {@code target}; of two as close, the larger. */
  static int nearest(List<Integer> levels, int target) {
    int best = levels.get(0);
    for (int level : levels) {
      long distance = Math.abs((long) level - target);
      long bestDistance = Math.abs((long) best - target);
      if (distance < bestDistance || distance == bestDistance && level > best) {
        best = level;
      }
    }
    return best;
  }

  /** The history level whose first export is measured. */
  int firstLevel() {
    return firstLevel;
  }

  void first(StepResult step, long millis) {
    firstMillis = millis;
    firstRows = rowsByTable(step);
  }

  /** An export that brought copies of the history in (not timed as a figure, kept as detail). */
  void catchUp(int level, long millis) {
    catchUpMillis.put(level, millis);
  }

  void batch(int level, StepResult step, long millis) {
    batchMillis.computeIfAbsent(level, k -> new java.util.ArrayList<>()).add(millis);
    batchRows.put(level, rowsByTable(step));
  }

  double firstRowsPerSecond() {
    long rows = firstRows.values().stream().mapToLong(Long::longValue).sum();
    return firstMillis <= 0 ? 0 : rows * 1000.0 / firstMillis;
  }

  /** Median export time after one batch, per history level, ascending. */
  Map<String, Long> batchMedians() {
    Map<String, Long> medians = new LinkedHashMap<>();
    batchMillis.forEach(
        (level, millis) -> medians.put(Integer.toString(level), Stats.median(millis)));
    return medians;
  }

  /** The largest history's median over the smallest's: the flatness the target bounds at 1.5. */
  double growth() {
    List<Long> medians = List.copyOf(batchMedians().values());
    return Math.round(medians.get(medians.size() - 1) * 100.0 / Math.max(1, medians.get(0)))
        / 100.0;
  }

  /** Adds the part's keys to {@code results} and its detail to {@code detail.export}. */
  void record(
      Map<String, Object> results, Map<String, Object> detail, String size, double loadBefore) {
    results.put("export_first_rows_per_s", Benchmark.round(firstRowsPerSecond()));
    results.put("export_batch_ms_by_history", batchMedians());
    results.put("export_batch_growth", growth());
    Map<String, Object> levels = new LinkedHashMap<>();
    batchMillis.forEach(
        (level, millis) ->
            levels.put(
                Integer.toString(level),
                Benchmark.ordered(
                    "export_ms",
                    millis,
                    "rows_by_table",
                    batchRows.get(level),
                    "copies_export_ms",
                    catchUpMillis.getOrDefault(level, -1L))));
    detail.put(
        "export",
        Benchmark.ordered(
            "size",
            size,
            "database",
            BenchDatabase.NAME,
            "first_export",
            Benchmark.ordered(
                "history_orders", firstLevel, "ms", firstMillis, "rows_by_table", firstRows),
            "batches",
            levels,
            "measured_at",
            Instant.now().toString(),
            "load_average_before",
            loadBefore));
  }

  /** Rows written per table, upserts and deletes alike. */
  static Map<String, Long> rowsByTable(StepResult step) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (AppliedChanges table : step.tables()) {
      rows.put(table.table(), table.upserted() + table.deleted());
    }
    return rows;
  }
}
