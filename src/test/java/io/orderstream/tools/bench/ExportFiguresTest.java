package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.orderstream.export.AppliedChanges;
import io.orderstream.export.StepResult;
import io.orderstream.sink.BatchManifest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The export part's figures: which history gets the first export, and what results.json shows. */
class ExportFiguresTest {
  private static StepResult step(AppliedChanges... tables) {
    return new StepResult(
        new BatchManifest(4, "app", Instant.parse("2026-01-01T00:00:00Z"), Map.of("order", 9L)),
        List.of(tables));
  }

  // ---- the history level of the first export

  @Test
  void firstExportLevelIsTheOneNearestHundredThousandOrders() {
    assertThat(new ExportFigures(BenchSize.FULL.historyOrders()).firstLevel()).isEqualTo(100_000);
    assertThat(new ExportFigures(BenchSize.SMALL.historyOrders()).firstLevel()).isEqualTo(900);
    assertThat(ExportFigures.nearest(List.of(10_000, 150_000, 500_000), 100_000))
        .isEqualTo(150_000);
  }

  @Test
  void nearestLevelPrefersTheLargerOfTwoAsClose() {
    assertThat(ExportFigures.nearest(List.of(50_000, 150_000), 100_000)).isEqualTo(150_000);
  }

  // ---- results.json

  @Test
  void recordGivesRowsPerSecondOverEveryTableAndTheMedianBatchPerLevel() {
    ExportFigures figures = new ExportFigures(List.of(300, 900));
    figures.first(
        step(
            new AppliedChanges("customer", 1_000, 0, true),
            new AppliedChanges("order", 3_000, 0, true)),
        2_000);
    figures.batch(300, step(new AppliedChanges("order", 20, 0, false)), 400);
    figures.batch(300, step(new AppliedChanges("order", 20, 0, false)), 100);
    figures.batch(300, step(new AppliedChanges("order", 20, 0, false)), 300);
    figures.catchUp(900, 5_000);
    figures.batch(900, step(new AppliedChanges("order", 18, 2, false)), 450);

    Map<String, Object> results = new LinkedHashMap<>();
    Map<String, Object> detail = new LinkedHashMap<>();
    figures.record(results, detail, "small", 1.5);

    assertThat(results)
        .containsEntry("export_first_rows_per_s", 2_000.0)
        .containsEntry("export_batch_ms_by_history", Map.of("300", 300L, "900", 450L))
        .containsEntry("export_batch_growth", 1.5);
    @SuppressWarnings("unchecked")
    Map<String, Object> export = (Map<String, Object>) detail.get("export");
    assertThat(export)
        .containsEntry("load_average_before", 1.5)
        .containsKey("measured_at")
        .containsEntry(
            "first_export",
            Map.of(
                "history_orders",
                900,
                "ms",
                2_000L,
                "rows_by_table",
                Map.of("customer", 1_000L, "order", 3_000L)));
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> batches =
        (Map<String, Map<String, Object>>) export.get("batches");
    assertThat(batches.get("300"))
        .containsEntry("export_ms", List.of(400L, 100L, 300L))
        .containsEntry("copies_export_ms", -1L);
    assertThat(batches.get("900"))
        .contains(entry("rows_by_table", Map.of("order", 20L)), entry("copies_export_ms", 5_000L));
  }
}
