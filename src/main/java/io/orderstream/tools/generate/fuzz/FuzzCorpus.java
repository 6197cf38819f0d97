package io.orderstream.tools.generate.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderstream.tools.generate.AtomicFiles;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic corpus of broken and odd input files around valid generated events, with the
 * outcome every input must have ({@link FuzzManifest}).
 *
 * <p>The valid events are the lifecycles of {@link SampleGenerator}, spread over files of every
 * layout the pipeline reads (a pretty document, a compact line, JSON Lines with a broken line among
 * valid ones, CRLF JSON Lines, an array with a broken element, a line holding an array, a document
 * after a byte-order mark). Beside them: one file per broken shape ({@link Shapes}), one file per
 * odd but valid shape and per schema drift ({@link DriftShapes}), and, when asked for, one large
 * JSON Lines file of whole generated orders with a broken line every {@value #BIG_FILE_BAD_EVERY}
 * lines. Same spec, same bytes.
 */
public final class FuzzCorpus {
  static final int BIG_FILE_BAD_EVERY = 500;

  /**
   * The unknown field holding a very long string; larger than the quarantine's raw limit of 1 MiB.
   */
  static final int HUGE_STRING_CHARS = 3 << 20;

  private final FuzzSpec spec;
  private final List<FuzzFile> files;

  private FuzzCorpus(FuzzSpec spec, List<FuzzFile> files) {
    this.spec = spec;
    this.files = List.copyOf(files);
  }

  public static FuzzCorpus generate(FuzzSpec spec) {
    Random random = new Random(spec.seed() ^ 0x5DEECE66DL);
    List<GeneratedEvent> lifecycles =
        SampleGenerator.generate(lifecycleSpec(spec.seed(), spec.orders()));
    Shapes shapes = new Shapes(Json.object(richest(lifecycles).json()), spec.seed());
    Builder files = new Builder(spec.seed());
    List<Broken> lines = shapes.brokenLines();
    new Containers(files, lines, random).spread(lifecycles);
    everyBrokenLineBetweenValidOnes(files, shapes, lines);
    everyBrokenElementBetweenValidOnes(files, shapes, lines);
    lines.forEach(
        b ->
            files.add(
                b.kind(), ".json", b.bytes(), List.of(new FuzzInput.Quarantined(b.reason()))));
    shapes
        .brokenFiles()
        .forEach(
            b ->
                files.add(
                    b.kind(), ".json", b.bytes(), List.of(new FuzzInput.Quarantined(b.reason()))));
    new DriftShapes(shapes, random, HUGE_STRING_CHARS)
        .all()
        .forEach(o -> files.add(o.kind(), ".json", o.bytes(), List.of(o.lands())));
    if (spec.bigFileBytes() > 0) {
      files.addBig(bigFile(spec, lifecycles, lines));
    }
    return new FuzzCorpus(spec, files.files);
  }

  public FuzzSpec spec() {
    return spec;
  }

  public List<FuzzFile> files() {
    return files;
  }

  public FuzzManifest manifest() {
    return FuzzManifest.of(spec, files);
  }

  /**
   * Writes every file atomically, then the manifest ({@value FuzzManifest#FILE_NAME}); returns the
   * files' paths in the order written. Writing the same corpus again gives the same bytes.
   */
  public List<Path> write(Path dir) {
    EventWriter.createDirectories(dir);
    List<Path> written = new ArrayList<>(files.size());
    for (FuzzFile file : files) {
      written.add(AtomicFiles.write(dir, file.name(), file.content()));
    }
    AtomicFiles.write(dir, FuzzManifest.FILE_NAME, manifest().toJson().getBytes(UTF_8));
    return written;
  }

  /**
   * JSON Lines alternating valid events and every one-line broken shape: each bad line costs only
   * itself.
   */
  private static void everyBrokenLineBetweenValidOnes(
      Builder files, Shapes shapes, List<Broken> broken) {
    FileContent file = new FileContent();
    for (Broken bad : broken) {
      validLine(file, shapes);
      file.line(bad.bytes(), new FuzzInput.Quarantined(bad.reason()));
    }
    validLine(file, shapes);
    files.add("jsonl-every-broken-line", ".jsonl", file.bytes.toByteArray(), file.inputs);
  }

  /** An array alternating valid events and every broken shape that is a JSON value. */
  private static void everyBrokenElementBetweenValidOnes(
      Builder files, Shapes shapes, List<Broken> broken) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    List<FuzzInput> inputs = new ArrayList<>();
    for (Broken bad : broken.stream().filter(Broken::json).toList()) {
      ObjectNode event = shapes.event();
      array.add(event);
      inputs.add(Shapes.lands(event));
      array.add(Json.parse(bad.bytes()));
      inputs.add(new FuzzInput.Quarantined(bad.reason()));
    }
    ObjectNode last = shapes.event();
    array.add(last);
    inputs.add(Shapes.lands(last));
    files.add("array-every-broken-element", ".json", Json.compact(array).getBytes(UTF_8), inputs);
  }

  private static void validLine(FileContent file, Shapes shapes) {
    ObjectNode event = shapes.event();
    file.line(Json.compact(event).getBytes(UTF_8), Shapes.lands(event));
  }

  /** The generator's defaults plus a few duplicates and late events, one event per line. */
  static GeneratorSpec lifecycleSpec(long seed, int orders) {
    return GeneratorSpec.of(orders, seed)
        .withFormat(OutputFormat.JSONL)
        .withDuplicates(0.03)
        .withLate(0.05);
  }

  /**
   * The longest event: it has lines, shipments and most optional parts, so every mutation finds its
   * field.
   */
  private static GeneratedEvent richest(List<GeneratedEvent> events) {
    return events.stream()
        .max(Comparator.comparingInt((GeneratedEvent e) -> e.json().length()))
        .orElseThrow();
  }

  /**
   * Whole orders beyond the first {@code spec.orders()}, one per line, until the file reaches its
   * size; a broken line every {@value #BIG_FILE_BAD_EVERY} lines. Order {@code i} of the generator
   * does not depend on how many orders it makes, so these never share an id with the small files.
   */
  private static FileContent bigFile(
      FuzzSpec spec, List<GeneratedEvent> small, List<Broken> broken) {
    long bytesPerOrder =
        Math.max(1, small.stream().mapToLong(e -> e.json().length() + 1L).sum() / spec.orders());
    int extra =
        (int)
            Math.min(
                GeneratorSpec.MAX_ORDERS - spec.orders(),
                spec.bigFileBytes() * 11 / 10 / bytesPerOrder + 2);
    Set<String> taken = new LinkedHashSet<>();
    small.forEach(e -> taken.add(e.orderId()));
    Map<String, List<GeneratedEvent>> byOrder = new LinkedHashMap<>();
    for (GeneratedEvent e :
        SampleGenerator.generate(lifecycleSpec(spec.seed(), spec.orders() + extra))) {
      if (!taken.contains(e.orderId())) {
        byOrder.computeIfAbsent(e.orderId(), id -> new ArrayList<>()).add(e);
      }
    }
    FileContent big = new FileContent();
    int badLines = 0;
    for (List<GeneratedEvent> order : byOrder.values()) {
      if (big.size() >= spec.bigFileBytes()) {
        break;
      }
      for (GeneratedEvent e : order) {
        if ((big.inputs.size() + 1) % BIG_FILE_BAD_EVERY == 0) {
          Broken bad = broken.get(badLines++ % broken.size());
          big.line(bad.bytes(), new FuzzInput.Quarantined(bad.reason()));
        }
        big.line(e.json().getBytes(UTF_8), Shapes.lands(Json.object(e.json())));
      }
    }
    return big;
  }

  /** Bytes and expected inputs of one file being assembled. */
  static final class FileContent {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<FuzzInput> inputs = new ArrayList<>();

    void line(byte[] line, FuzzInput input) {
      bytes.writeBytes(line);
      bytes.write('\n');
      inputs.add(input);
    }

    long size() {
      return bytes.size();
    }
  }

  /** Names the files in creation order: {@code fz<seed>-<nnnn>-<kind><ext>}. */
  static final class Builder {
    private final String prefix;
    private final List<FuzzFile> files = new ArrayList<>();

    Builder(long seed) {
      this.prefix = "fz" + Long.toUnsignedString(seed, 36) + "-";
    }

    void add(String kind, String extension, byte[] content, List<FuzzInput> inputs) {
      String name =
          String.format(Locale.ROOT, "%s%04d-%s%s", prefix, files.size() + 1, kind, extension);
      files.add(new FuzzFile(name, kind, content, inputs));
    }

    void addBig(FileContent big) {
      add("big-jsonl", ".jsonl", big.bytes.toByteArray(), big.inputs);
    }
  }
}
