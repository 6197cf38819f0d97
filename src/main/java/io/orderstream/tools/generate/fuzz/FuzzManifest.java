package io.orderstream.tools.generate.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What processing a fuzz corpus must give, in the pipeline's own counting unit: an input is a
 * whole-file document, an element of a top-level array, or a non-blank line of a JSON Lines file; a
 * file that cannot be split into those (empty, not UTF-8, not JSON) is one input. {@code events +
 * quarantined = inputs}, per file and in total.
 *
 * <p>Written as {@value #FILE_NAME} beside the corpus; the leading underscore makes the pipeline
 * skip it, so the manifest never becomes an input itself.
 *
 * @param files per file: name, kind, events that must land, quarantined inputs with their position
 *     (the quarantine table's {@code id} is {@code <source>#<position>}) and reason
 * @param winners per valid order, the event that must end in {@code order_event_latest}
 * @param mustKeep per order, texts its stored raw event must contain (unknown fields)
 */
public record FuzzManifest(
    long seed,
    List<FileEntry> files,
    Map<String, Winner> winners,
    Map<String, List<String>> mustKeep) {
  public static final String FILE_NAME = "_fuzz-manifest.json";

  /** One file's expected outcome; {@code quarantined} maps position to reason code. */
  public record FileEntry(
      String name, String kind, long bytes, long events, Map<Long, String> quarantined) {
    public long inputs() {
      return events + quarantined.size();
    }
  }

  /** The event that must win an order: {@code dat_atui} and version (null when it has none). */
  public record Winner(String orderId, Instant datAtui, Long version) {}

  private static final Comparator<FuzzInput.Lands> RECENCY =
      Comparator.comparing(FuzzInput.Lands::datAtui)
          .thenComparing(
              FuzzInput.Lands::version, Comparator.nullsFirst(Comparator.naturalOrder()));

  static FuzzManifest of(FuzzSpec spec, List<FuzzFile> corpus) {
    List<FileEntry> files = new ArrayList<>();
    Map<String, FuzzInput.Lands> best = new TreeMap<>();
    Map<String, List<String>> mustKeep = new TreeMap<>();
    for (FuzzFile file : corpus) {
      Map<Long, String> quarantined = new TreeMap<>();
      for (int i = 0; i < file.inputs().size(); i++) {
        FuzzInput input = file.inputs().get(i);
        if (input instanceof FuzzInput.Quarantined q) {
          quarantined.put((long) i, q.reason().code());
        } else {
          FuzzInput.Lands event = (FuzzInput.Lands) input;
          best.merge(event.orderId(), event, (a, b) -> RECENCY.compare(a, b) >= 0 ? a : b);
          if (!event.mustKeep().isEmpty()) {
            mustKeep.put(event.orderId(), event.mustKeep());
          }
        }
      }
      files.add(
          new FileEntry(
              file.name(), file.kind(), file.content().length, file.events(), quarantined));
    }
    Map<String, Winner> winners = new TreeMap<>();
    best.forEach((id, e) -> winners.put(id, new Winner(id, e.datAtui(), e.version())));
    return new FuzzManifest(spec.seed(), files, winners, mustKeep);
  }

  public long inputs() {
    return files.stream().mapToLong(FileEntry::inputs).sum();
  }

  public long events() {
    return files.stream().mapToLong(FileEntry::events).sum();
  }

  public long quarantined() {
    return inputs() - events();
  }

  /** Quarantined inputs per reason code, sorted by code. */
  public Map<String, Long> quarantinedByReason() {
    Map<String, Long> byReason = new TreeMap<>();
    files.forEach(f -> f.quarantined().values().forEach(r -> byReason.merge(r, 1L, Long::sum)));
    return byReason;
  }

  public long bytes() {
    return files.stream().mapToLong(FileEntry::bytes).sum();
  }

  // --- JSON

  public String toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("seed", seed);
    ObjectNode totals = root.putObject("totals");
    totals
        .put("files", files.size())
        .put("bytes", bytes())
        .put("inputs", inputs())
        .put("events", events())
        .put("quarantined", quarantined())
        .put("orders", winners.size());
    ObjectNode byReason = totals.putObject("quarantined_by_reason");
    quarantinedByReason().forEach(byReason::put);
    ArrayNode fileNodes = root.putArray("files");
    for (FileEntry f : files) {
      ObjectNode node =
          fileNodes
              .addObject()
              .put("name", f.name())
              .put("kind", f.kind())
              .put("bytes", f.bytes())
              .put("inputs", f.inputs())
              .put("events", f.events());
      ArrayNode q = node.putArray("quarantined");
      f.quarantined()
          .forEach(
              (position, reason) -> q.addObject().put("position", position).put("reason", reason));
    }
    ArrayNode winnerNodes = root.putArray("winners");
    winners
        .values()
        .forEach(
            w ->
                winnerNodes
                    .addObject()
                    .put("order_id", w.orderId())
                    .put("dat_atui", w.datAtui().toString())
                    .put("version", w.version()));
    ObjectNode keep = root.putObject("raw_must_contain");
    mustKeep.forEach((id, texts) -> texts.forEach(keep.withArray(id)::add));
    return Json.pretty(root) + "\n";
  }

  public static FuzzManifest read(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read fuzz manifest " + file, e);
    }
    List<FileEntry> files = new ArrayList<>();
    for (JsonNode f : root.path("files")) {
      Map<Long, String> quarantined = new TreeMap<>();
      f.path("quarantined")
          .forEach(q -> quarantined.put(q.path("position").asLong(), q.path("reason").asText()));
      files.add(
          new FileEntry(
              f.path("name").asText(),
              f.path("kind").asText(),
              f.path("bytes").asLong(),
              f.path("events").asLong(),
              quarantined));
    }
    Map<String, Winner> winners = new TreeMap<>();
    for (JsonNode w : root.path("winners")) {
      JsonNode version = w.path("version");
      winners.put(
          w.path("order_id").asText(),
          new Winner(
              w.path("order_id").asText(),
              Instant.parse(w.path("dat_atui").asText()),
              version.isNull() ? null : version.asLong()));
    }
    Map<String, List<String>> mustKeep = new TreeMap<>();
    root.path("raw_must_contain")
        .properties()
        .forEach(
            e -> {
              List<String> texts = new ArrayList<>();
              e.getValue().forEach(t -> texts.add(t.asText()));
              mustKeep.put(e.getKey(), texts);
            });
    return new FuzzManifest(root.path("seed").asLong(), files, winners, mustKeep);
  }
}
