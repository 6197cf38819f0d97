package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultsFileTest {
  @Test
  void headlineKeysComeFirstInTheirOrderAndNoKeyIsDroppedAndDetailIsLast() {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("detail", Map.of("size", "full"));
    results.put("a_future_part_figure", 1.0);
    results.put("latency_p50_ms", 7000L);
    results.put("kafka_latency_p50_ms", 9000L);
    results.put("backlog_events_per_s", 800.0);

    assertThat(ResultsFile.headlineFirst(results).keySet())
        .containsExactly(
            "backlog_events_per_s",
            "kafka_latency_p50_ms",
            "latency_p50_ms",
            "a_future_part_figure",
            "detail");
  }
}
