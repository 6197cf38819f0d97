package io.orderstream.tools.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of one output file: its events' JSON, each followed by a newline, in arrival order.
 */
record EventFile(String name, String content, int events) {

  /** Groups events by file name; files come in the order their first event arrives. */
  static List<EventFile> group(List<GeneratedEvent> events) {
    Map<String, List<GeneratedEvent>> byName = new LinkedHashMap<>();
    events.forEach(e -> byName.computeIfAbsent(e.fileName(), n -> new ArrayList<>()).add(e));
    List<EventFile> files = new ArrayList<>(byName.size());
    byName.forEach(
        (name, inFile) -> {
          StringBuilder content = new StringBuilder();
          inFile.forEach(e -> content.append(e.json()).append('\n'));
          files.add(new EventFile(name, content.toString(), inFile.size()));
        });
    return files;
  }

  byte[] bytes() {
    return content.getBytes(StandardCharsets.UTF_8);
  }
}
