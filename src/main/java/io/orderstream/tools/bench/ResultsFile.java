package io.orderstream.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's {@code results.json} as read back and laid out: a run of some parts keeps the
 * other parts' keys of the earlier file, and the headline keys come first in a fixed order.
 */
final class ResultsFile {
  private ResultsFile() {}

  /** The results file already in {@code out}, or nothing. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> previous(Path out) {
    Path file = out.resolve("results.json");
    if (!Files.exists(file)) {
      return new LinkedHashMap<>();
    }
    try {
      return new ObjectMapper().readValue(file.toFile(), LinkedHashMap.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the earlier results " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The headline keys first, in the order the issues list them, then any other key, then the
   * detail: a part's new key is never dropped for want of a place in this list.
   */
  static Map<String, Object> headlineFirst(Map<String, Object> results) {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String key :
        List.of(
            "backlog_events_per_s",
            "floor_events_per_s",
            "s3_backlog_events_per_s",
            "sqs_backlog_events_per_s",
            "s3_backlog_ratio_to_folder",
            "sqs_backlog_ratio_to_folder",
            "kafka_backlog_events_per_s",
            "kafka_backlog_ratio_to_folder",
            "kafka_latency_p50_ms",
            "kafka_latency_p95_ms",
            "latency_p50_ms",
            "latency_p95_ms",
            "small_batch_ms",
            "samples_once_ms",
            "samples_floor_ms",
            "restart_once_ms",
            "backlog_small_events_per_s",
            "backlog_small_floor_events_per_s",
            "batch_ms_by_history",
            "batch_ms_by_history_without_history",
            "history_flatness",
            "history_overhead",
            "first_batch_ms_by_history",
            "first_batch_ms_by_history_without_history",
            "baseline_batch_ms_by_history",
            "export_first_rows_per_s",
            "export_batch_ms_by_history",
            "export_batch_growth")) {
      if (results.containsKey(key)) {
        ordered.put(key, results.get(key));
      }
    }
    results.forEach(
        (key, value) -> {
          if (!key.equals("detail")) {
            ordered.putIfAbsent(key, value);
          }
        });
    if (results.containsKey("detail")) {
      ordered.put("detail", results.get("detail"));
    }
    return ordered;
  }
}
