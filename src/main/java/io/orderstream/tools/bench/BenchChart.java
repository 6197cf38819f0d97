package io.orderstream.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline SVG, no scripts) charting batch time against history size for
 * the pipeline and the baseline, with the headline figures beside it.
 */
final class BenchChart {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int BOTTOM = 40;
  private static final int TOP = 20;

  private BenchChart() {}

  @SuppressWarnings("unchecked")
  static String html(Map<String, Object> results) {
    Map<String, Number> batch =
        (Map<String, Number>) results.getOrDefault("batch_ms_by_history", Map.of());
    Map<String, Number> baseline =
        (Map<String, Number>) results.getOrDefault("baseline_batch_ms_by_history", Map.of());
    List<String> sizes = new ArrayList<>(batch.keySet());
    long max = 1;
    for (String s : sizes) {
      max = Math.max(max, Math.max(batch.get(s).longValue(), baseline.get(s).longValue()));
    }
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>%n",
            WIDTH,
            HEIGHT));
    int plotHeight = HEIGHT - TOP - BOTTOM;
    int group = (WIDTH - LEFT - 20) / Math.max(1, sizes.size());
    int bar = group / 3;
    svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight))
        .append(line(LEFT, TOP + plotHeight, WIDTH - 10, TOP + plotHeight));
    for (int tick = 0; tick <= 4; tick++) {
      long value = max * tick / 4;
      int y = TOP + plotHeight - (int) (plotHeight * tick / 4.0);
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%d' text-anchor='end'>%.1f s</text>%n",
              LEFT - 6,
              y + 4,
              value / 1000.0));
    }
    for (int i = 0; i < sizes.size(); i++) {
      String s = sizes.get(i);
      int x = LEFT + 10 + i * group;
      svg.append(bar(x, bar, batch.get(s).longValue(), max, plotHeight, "#2b6cb0"));
      svg.append(bar(x + bar, bar, baseline.get(s).longValue(), max, plotHeight, "#c05621"));
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x='%d' y='%d' text-anchor='middle'>%s orders</text>%n",
              x + bar,
              HEIGHT - 15,
              s));
    }
    svg.append("</svg>\n");
    return "<!doctype html>\n<html><head><meta charset='utf-8'><title>orderstream benchmark</title></head><body>\n"
        + "<h1>Batch time against history size</h1>\n"
        + "<p>One batch of about 1k events when the tables already hold N orders. "
        + "<span style='color:#2b6cb0'>&#9632; orderstream (MERGE of the changed orders)</span> "
        + "<span style='color:#c05621'>&#9632; baseline (recompute every table from all events, overwrite)</span></p>\n"
        + svg
        + "<h2>Figures</h2>\n<table border='1' cellpadding='4'>\n"
        + row("backlog_events_per_s", results)
        + row("floor_events_per_s", results)
        + objectRows(results)
        + kafkaRows(results)
        + row("latency_p50_ms", results)
        + row("latency_p95_ms", results)
        + optionalRow("small_batch_ms", results)
        + optionalRow("samples_once_ms", results)
        + optionalRow("samples_floor_ms", results)
        + optionalRow("restart_once_ms", results)
        + optionalRow("backlog_small_events_per_s", results)
        + optionalRow("backlog_small_floor_events_per_s", results)
        + row("batch_ms_by_history", results)
        + optionalRow("batch_ms_by_history_without_history", results)
        + optionalRow("history_flatness", results)
        + optionalRow("history_overhead", results)
        + optionalRow("first_batch_ms_by_history", results)
        + optionalRow("first_batch_ms_by_history_without_history", results)
        + row("baseline_batch_ms_by_history", results)
        + "</table>\n</body></html>\n";
  }

  private static String bar(
      int x, int width, long millis, long max, int plotHeight, String colour) {
    int h = (int) Math.round(plotHeight * (double) millis / max);
    int y = TOP + plotHeight - h;
    return String.format(
        Locale.ROOT,
        "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>"
            + "<text x='%d' y='%d' text-anchor='middle'>%.1f s</text>%n",
        x,
        y,
        width - 4,
        h,
        colour,
        x + width / 2,
        y - 4,
        millis / 1000.0);
  }

  private static String line(int x1, int y1, int x2, int y2) {
    return String.format(
        Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>%n", x1, y1, x2, y2);
  }

  /** The objects part's rows, when it has run (it needs servers, so it often has not). */
  private static String objectRows(Map<String, Object> results) {
    return results.containsKey("sqs_backlog_events_per_s")
        ? row("s3_backlog_events_per_s", results)
            + row("sqs_backlog_events_per_s", results)
            + row("s3_backlog_ratio_to_folder", results)
            + row("sqs_backlog_ratio_to_folder", results)
        : "";
  }

  /** The kafka part's rows, when it has run (it needs a broker). */
  private static String kafkaRows(Map<String, Object> results) {
    return results.containsKey("kafka_backlog_events_per_s")
        ? row("kafka_backlog_events_per_s", results)
            + row("kafka_backlog_ratio_to_folder", results)
            + row("kafka_latency_p50_ms", results)
            + row("kafka_latency_p95_ms", results)
        : "";
  }

  /** A row for a key that results measured before it existed do not have. */
  private static String optionalRow(String key, Map<String, Object> results) {
    return results.containsKey(key) ? row(key, results) : "";
  }

  private static String row(String key, Map<String, Object> results) {
    return "<tr><td>" + key + "</td><td>" + results.get(key) + "</td></tr>\n";
  }
}
