package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchChartTest {

  @Test
  void chartsOneBarPerSeriesAndHistorySizeAndListsEveryFigure() {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("backlog_events_per_s", 1234.5);
    results.put("floor_events_per_s", 2345.6);
    results.put("latency_p50_ms", 7000L);
    results.put("latency_p95_ms", 9000L);
    results.put("batch_ms_by_history", new LinkedHashMap<>(Map.of("10000", 4000L)));
    results.put("baseline_batch_ms_by_history", new LinkedHashMap<>(Map.of("10000", 40000L)));

    String html = BenchChart.html(results);

    assertThat(html.split("<rect ", -1)).hasSize(3);
    assertThat(html)
        .contains("10000 orders", "4.0 s", "40.0 s", "1234.5", "2345.6", "7000", "9000");
  }
}
