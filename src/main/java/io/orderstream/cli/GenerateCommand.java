package io.orderstream.cli;

import io.orderstream.error.Errors;
import io.orderstream.generate.EventWriter;
import io.orderstream.generate.ExpectedState;
import io.orderstream.generate.GeneratedEvent;
import io.orderstream.generate.GeneratorSpec;
import io.orderstream.generate.KafkaEventWriter;
import io.orderstream.generate.LiveWriter;
import io.orderstream.generate.OutputFormat;
import io.orderstream.generate.SampleGenerator;
import io.orderstream.generate.fuzz.FuzzCorpus;
import io.orderstream.generate.fuzz.FuzzManifest;
import io.orderstream.generate.fuzz.FuzzSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream generate}: parses the options into a {@link GeneratorSpec}, generates the events
 * and writes them, all at once or, with {@code --rate}, at a steady pace. Bad values are usage errors
 * (exit 2) naming the option, the value and what is expected.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
        "Write synthetic order events (fabricated data, realistic lifecycles) into a folder or a Kafka topic.",
        "The same options and seed always produce byte-identical files with the same names."})
final class GenerateCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Spec
  CommandSpec spec;

  @ArgGroup(multiplicity = "1") // where the events go: exactly one of a folder and a Kafka topic
  Destination destination;

  static final class Destination {
    @Option(names = "--out", paramLabel = "DIR",
        description = "Folder to write the event files into (created if missing).")
    Path out;
    @Option(names = "--kafka-topic", paramLabel = "NAME",
        description = "Or: the Kafka topic to write to, one event per record keyed by order id;"
            + " created with the broker's default partitions if missing.")
    String kafkaTopic;
  }

  @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
      description = "With --kafka-topic: the Kafka cluster to write to (default: ${DEFAULT-VALUE}).")
  String kafkaServers;

  @Option(names = "--orders", required = true, paramLabel = "N",
      description = "Number of orders, 1 to " + GeneratorSpec.MAX_ORDERS + ".")
  int orders;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--format", defaultValue = "json", paramLabel = "json|jsonl",
      description = "json: one pretty event per file; jsonl: several events per file, one per line"
          + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--events-per-file", defaultValue = "" + GeneratorSpec.DEFAULT_EVENTS_PER_FILE,
      paramLabel = "K", description = "Events per .jsonl file (default: ${DEFAULT-VALUE}).")
  int eventsPerFile;

  @Option(names = "--duplicates", defaultValue = "0", paramLabel = "FRACTION",
      description = "Extra exact copies of events, as a fraction 0..1 of the events (default: ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(names = "--late", defaultValue = "0", paramLabel = "FRACTION",
      description = "Fraction 0..1 of the events written after their order's newest event (default: ${DEFAULT-VALUE}).")
  double late;

  @Option(names = "--start", paramLabel = "INSTANT",
      description = "Orders are created within two weeks after this UTC instant (default: 2024-03-01T00:00:00Z).")
  String start;

  @Option(names = "--rate", paramLabel = "EVENTS_PER_SECOND",
      description = "Live mode: write the files at this pace instead of all at once.")
  Double rate;

  @Option(names = "--duration", paramLabel = "DURATION",
      description = "Live mode: stop after this long (e.g. 90s, 5m, 1h, PT2M); needs --rate.")
  String duration;

  @Option(names = "--fuzz",
      description = "Write a fuzz corpus instead: the orders' events among broken, odd and schema-drifted inputs,"
          + " plus _fuzz-manifest.json saying what each input must become.")
  boolean fuzz;

  @Option(names = "--fuzz-size-mb", defaultValue = "30", paramLabel = "MB",
      description = "With --fuzz: size of the one large JSON Lines file, 0 for none (default: ${DEFAULT-VALUE}).")
  double fuzzSizeMb;

  @Override
  public Integer call() {
    if (fuzz) {
      return writeFuzzCorpus();
    }
    GeneratorSpec generatorSpec = generatorSpec();
    Duration limit = liveLimit();
    if (destination.kafkaTopic != null) {
      return writeToKafka(generatorSpec, limit);
    }
    Path dir = writableFolder(destination.out);
    List<GeneratedEvent> events = SampleGenerator.generate(generatorSpec);
    List<Path> written = rate == null
        ? EventWriter.write(events, dir)
        : new LiveWriter().write(events, dir, rate, limit);
    report(generatorSpec, events, written, dir);
    return 0;
  }

  private int writeToKafka(GeneratorSpec generatorSpec, Duration limit) {
    KafkaEventWriter writer = KafkaEventWriter.toTopic(kafkaServers, destination.kafkaTopic);
    List<GeneratedEvent> events = SampleGenerator.generate(generatorSpec);
    int sent = writer.write(events, rate, limit);
    spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %d of %d events to Kafka topic %s at %s (seed %d).%n",
        sent, events.size(), destination.kafkaTopic, kafkaServers, generatorSpec.seed()).flush();
    return 0;
  }

  private int writeFuzzCorpus() {
    if (rate != null) {
      throw Errors.invalidSetting("--rate", String.valueOf(rate), "no live mode with --fuzz: the corpus is written at once");
    }
    FuzzSpec fuzzSpec = FuzzSpec.ofMegabytes(seed, orders, fuzzSizeMb);
    if (destination.out == null) {
      throw Errors.invalidSetting("--kafka-topic", destination.kafkaTopic, "--out instead: a fuzz corpus is files");
    }
    Path dir = writableFolder(destination.out);
    FuzzCorpus corpus = FuzzCorpus.generate(fuzzSpec);
    corpus.write(dir);
    FuzzManifest manifest = corpus.manifest();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "Wrote a fuzz corpus of %d files (%d bytes) to %s (seed %d): %d inputs, %d events that must land"
            + " (%d orders), %d to quarantine %s.%n",
        manifest.files().size(), manifest.bytes(), dir, fuzzSpec.seed(), manifest.inputs(), manifest.events(),
        manifest.winners().size(), manifest.quarantined(), manifest.quarantinedByReason());
    o.println("Expected outcome of every input: " + dir.resolve(FuzzManifest.FILE_NAME));
    o.flush();
    return 0;
  }

  private GeneratorSpec generatorSpec() {
    return new GeneratorSpec(orders, seed, OutputFormat.parse(format), eventsPerFile, duplicates, late,
        start == null ? GeneratorSpec.DEFAULT_START : instant("--start", start));
  }

  /** Validates the live-mode options; the run limit (unlimited without --duration). */
  private Duration liveLimit() {
    if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
      throw Errors.invalidSetting("--rate", String.valueOf(rate), "events per second, more than 0 and at most 1000000");
    }
    if (duration == null) {
      return Duration.ofNanos(Long.MAX_VALUE);
    }
    if (rate == null) {
      throw Errors.invalidSetting("--duration", duration, "to come with --rate: it limits a live run");
    }
    return duration("--duration", duration);
  }

  private static Path writableFolder(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw Errors.unwritableLocation("--out", dir.toString(), new IOException("it exists and is not a folder"));
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw Errors.unwritableLocation("--out", dir.toString(), e);
    }
    if (!Files.isWritable(dir)) {
      throw Errors.unwritableLocation("--out", dir.toString(), null);
    }
    return dir;
  }

  private void report(GeneratorSpec generatorSpec, List<GeneratedEvent> events, List<Path> written, Path dir) {
    Set<String> names = written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    List<GeneratedEvent> done = events.stream().filter(e -> names.contains(e.fileName())).toList();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "Wrote %d events of %d orders in %d %s files to %s (seed %d).%n",
        done.size(), done.stream().map(GeneratedEvent::orderId).distinct().count(), written.size(),
        generatorSpec.format(), dir, generatorSpec.seed());
    if (done.size() == events.size()) {
      o.println("Expected rows once processed: " + ExpectedState.of(events).totals().byTable().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    } else {
      o.printf(Locale.ROOT, "Stopped at the time limit: %d of %d events not written.%n",
          events.size() - done.size(), events.size());
    }
    o.flush();
  }

  private static Instant instant(String key, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.invalidSetting(key, value, "a UTC instant such as 2024-03-01T00:00:00Z");
    }
  }

  /** {@code 500ms}, {@code 90s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT2M}); more than zero. */
  static Duration duration(String key, String value) {
    Duration parsed = parseDuration(value.trim().toLowerCase(Locale.ROOT));
    if (parsed == null || parsed.isNegative() || parsed.isZero()) {
      throw Errors.invalidSetting(key, value, "a duration more than zero such as 500ms, 90s, 5m, 1h or PT2M");
    }
    return parsed;
  }

  private static Duration parseDuration(String value) {
    Matcher m = DURATION.matcher(value);
    try {
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return null;
    }
  }
}
