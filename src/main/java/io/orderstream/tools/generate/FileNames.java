package io.orderstream.tools.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the files events are written to. Names carry a random suffix ({@code <orderId>_<hex>.json},
 * {@code events_<hex>.jsonl}), so sorting the names does not give the event order: a consumer must
 * not rely on listing order.
 */
final class FileNames {
  private FileNames() {}

  static List<GeneratedEvent> assign(
      Rng rng, List<Draft> arrived, OutputFormat format, int eventsPerFile) {
    Set<String> used = new HashSet<>();
    List<GeneratedEvent> named = new ArrayList<>(arrived.size());
    String jsonlName = null;
    for (int i = 0; i < arrived.size(); i++) {
      Draft d = arrived.get(i);
      String name;
      if (format == OutputFormat.JSON) {
        name = unique(rng, used, d.orderId() + "_", format);
      } else {
        if (i % eventsPerFile == 0) {
          jsonlName = unique(rng, used, "events_", format);
        }
        name = jsonlName;
      }
      named.add(
          new GeneratedEvent(
              d.orderId(), d.datAtui(), d.version(), d.status(), format.render(d.event()), name));
    }
    return named;
  }

  private static String unique(Rng rng, Set<String> used, String prefix, OutputFormat format) {
    String name;
    do {
      name = prefix + rng.hex(8) + format.extension();
    } while (!used.add(name));
    return name;
  }
}
