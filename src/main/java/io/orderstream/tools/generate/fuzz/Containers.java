package io.orderstream.tools.generate.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.tools.generate.GeneratedEvent;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Spreads valid generated events over files of every layout the pipeline reads, putting one broken
 * input among the valid ones where the layout allows: every valid event must still land.
 */
final class Containers {
  private final FuzzCorpus.Builder files;
  private final List<Broken> brokenLines;
  private final List<Broken> brokenElements;
  private final Random random;
  private int nextLine;
  private int nextElement;

  Containers(FuzzCorpus.Builder files, List<Broken> brokenLines, Random random) {
    this.files = files;
    this.brokenLines = brokenLines;
    this.brokenElements = brokenLines.stream().filter(Broken::json).toList();
    this.random = random;
  }

  /** Consumes the events in arrival order, cycling through the layouts. */
  void spread(List<GeneratedEvent> events) {
    int at = 0;
    for (int layout = 0; at < events.size(); layout = (layout + 1) % 7) {
      int take =
          Math.min(events.size() - at, layout < 2 || layout == 4 ? 1 : 2 + random.nextInt(4));
      List<GeneratedEvent> chunk = events.subList(at, at + take);
      at += take;
      switch (layout) {
        case 0 -> single("pretty", Json.pretty(node(chunk.get(0))), chunk);
        case 1 -> single("compact-line", chunk.get(0).json() + "\n", chunk);
        case 2 -> jsonLinesWithBrokenLine(chunk);
        case 3 -> arrayWithBrokenElement(chunk);
        case 4 ->
            single(
                "byte-order-mark-pretty",
                Shapes.BYTE_ORDER_MARK + Json.pretty(node(chunk.get(0))),
                chunk);
        case 5 -> crlfJsonLines(chunk);
        default -> lineHoldingAnArray(chunk);
      }
    }
  }

  private void single(String kind, String text, List<GeneratedEvent> chunk) {
    files.add(kind, ".json", text.getBytes(UTF_8), List.of(lands(chunk.get(0))));
  }

  private void jsonLinesWithBrokenLine(List<GeneratedEvent> chunk) {
    Broken bad = brokenLines.get(nextLine++ % brokenLines.size());
    int badAt = random.nextInt(chunk.size() + 1);
    FuzzCorpus.FileContent file = new FuzzCorpus.FileContent();
    for (int i = 0; i <= chunk.size(); i++) {
      if (i == badAt) {
        file.line(bad.bytes(), new FuzzInput.Quarantined(bad.reason()));
      }
      if (i < chunk.size()) {
        file.line(chunk.get(i).json().getBytes(UTF_8), lands(chunk.get(i)));
      }
    }
    files.add("jsonl-with-" + bad.kind(), ".jsonl", file.bytes.toByteArray(), file.inputs);
  }

  private void arrayWithBrokenElement(List<GeneratedEvent> chunk) {
    Broken bad = brokenElements.get(nextElement++ % brokenElements.size());
    int badAt = random.nextInt(chunk.size() + 1);
    ArrayNode array = Json.MAPPER.createArrayNode();
    List<FuzzInput> inputs = new ArrayList<>();
    for (int i = 0; i <= chunk.size(); i++) {
      if (i == badAt) {
        array.add(Json.parse(bad.bytes()));
        inputs.add(new FuzzInput.Quarantined(bad.reason()));
      }
      if (i < chunk.size()) {
        array.add(node(chunk.get(i)));
        inputs.add(lands(chunk.get(i)));
      }
    }
    files.add("array-with-" + bad.kind(), ".json", Json.pretty(array).getBytes(UTF_8), inputs);
  }

  /** Windows line ends and blank lines between events; blank lines are not inputs. */
  private void crlfJsonLines(List<GeneratedEvent> chunk) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<FuzzInput> inputs = new ArrayList<>();
    for (GeneratedEvent e : chunk) {
      bytes.writeBytes((e.json() + "\r\n\r\n").getBytes(UTF_8));
      inputs.add(lands(e));
    }
    files.add("jsonl-crlf-blank-lines", ".jsonl", bytes.toByteArray(), inputs);
  }

  /** JSON Lines whose first line is an array of events: each element is an input. */
  private void lineHoldingAnArray(List<GeneratedEvent> chunk) {
    ArrayNode first = Json.MAPPER.createArrayNode();
    List<FuzzInput> inputs = new ArrayList<>();
    for (GeneratedEvent e : chunk.subList(0, chunk.size() - 1)) {
      first.add(node(e));
      inputs.add(lands(e));
    }
    GeneratedEvent last = chunk.get(chunk.size() - 1);
    inputs.add(lands(last));
    String text = (first.isEmpty() ? "" : Json.compact(first) + "\n") + last.json() + "\n";
    files.add("jsonl-line-holding-array", ".jsonl", text.getBytes(UTF_8), inputs);
  }

  private static ObjectNode node(GeneratedEvent event) {
    return Json.object(event.json());
  }

  private static FuzzInput.Lands lands(GeneratedEvent event) {
    return new FuzzInput.Lands(event.orderId(), event.datAtui(), event.version(), List.of());
  }
}
