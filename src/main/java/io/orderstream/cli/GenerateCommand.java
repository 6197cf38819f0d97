package io.orderstream.cli;

import io.orderstream.error.Errors;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.ExpectedState;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.KafkaEventWriter;
import io.orderstream.tools.generate.LiveWriter;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream generate}: checks the options, builds a {@link GeneratorSpec}, generates the
 * events and writes them to a folder or a Kafka topic, all at once or, with {@code --rate}, at a
 * steady pace. {@code --out}, {@code --orders} and {@code --seed} are inherited by the {@code fuzz}
 * subcommand. Bad values are usage errors (exit 2) naming the option, the value and what is
 * expected.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    subcommands = GenerateFuzzCommand.class,
    description = {
      "Write synthetic order events (fabricated data, realistic lifecycles) into a folder or a Kafka topic.",
      "The same options and seed always produce byte-identical files with the same names."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // Where the events go: at most one of a folder and a Kafka topic here, and one is required
  // (checked
  // in call()): a required group would be demanded of `generate fuzz` too, whose --out is
  // inherited.
  // The instance exists up front so that the fuzz subcommand's inherited --out has a field to set.
  @ArgGroup(multiplicity = "0..1")
  Destination destination = new Destination();

  static final class Destination {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        scope = ScopeType.INHERIT,
        description = "Folder to write the event files into (created if missing).")
    Path out;

    @Option(
        names = "--kafka-topic",
        paramLabel = "NAME",
        description =
            "Or: the Kafka topic to write to, one event per record keyed by order id;"
                + " created with the broker's default partitions if missing.")
    String kafkaTopic;
  }

  @Option(
      names = "--kafka-bootstrap-servers",
      defaultValue = "127.0.0.1:9092",
      paramLabel = "HOST:PORT",
      description =
          "With --kafka-topic: the Kafka cluster to write to (default: ${DEFAULT-VALUE}).")
  String kafkaServers;

  @Option(
      names = "--orders",
      required = true,
      paramLabel = "N",
      scope = ScopeType.INHERIT,
      description = "Number of orders, from 1.")
  int orders;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      scope = ScopeType.INHERIT,
      description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      defaultValue = "json",
      paramLabel = "json|jsonl",
      converter = OptionConverters.Format.class,
      description =
          "json: one pretty event per file; jsonl: several events per file, one per line"
              + " (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--events-per-file",
      defaultValue = "" + GeneratorSpec.DEFAULT_EVENTS_PER_FILE,
      paramLabel = "K",
      description = "Events per .jsonl file (default: ${DEFAULT-VALUE}).")
  int eventsPerFile;

  @Option(
      names = "--duplicates",
      defaultValue = "0",
      paramLabel = "FRACTION",
      converter = OptionConverters.Fraction.class,
      description =
          "Extra exact copies of events, as a fraction 0..1 of the events (default: ${DEFAULT-VALUE}).")
  double duplicates;

  @Option(
      names = "--late",
      defaultValue = "0",
      paramLabel = "FRACTION",
      converter = OptionConverters.Fraction.class,
      description =
          "Fraction 0..1 of the events written after their order's newest event (default: ${DEFAULT-VALUE}).")
  double late;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      converter = OptionConverters.UtcInstant.class,
      description =
          "Orders are created within two weeks after this UTC instant (default: 2024-03-01T00:00:00Z).")
  Instant start;

  @Option(
      names = "--rate",
      paramLabel = "EVENTS_PER_SECOND",
      description = "Live mode: write the files at this pace instead of all at once.")
  Double rate;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      converter = OptionConverters.PositiveDuration.class,
      description = "Live mode: stop after this long (e.g. 90s, 5m, 1h, PT2M); needs --rate.")
  Duration duration;

  @Override
  public Integer call() {
    if (destination.out == null && destination.kafkaTopic == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required argument (specify one of these): (--out=DIR | --kafka-topic=NAME)");
    }
    requireRange("--orders", orders, GeneratorSpec.MAX_ORDERS);
    requireRange("--events-per-file", eventsPerFile, GeneratorSpec.MAX_EVENTS_PER_FILE);
    GeneratorSpec generatorSpec =
        new GeneratorSpec(
            orders,
            seed,
            format,
            eventsPerFile,
            duplicates,
            late,
            start == null ? GeneratorSpec.DEFAULT_START : start);
    Duration limit = liveLimit();
    if (destination.kafkaTopic != null) {
      return writeToKafka(generatorSpec, limit);
    }
    Path dir = writableFolder(destination.out);
    List<GeneratedEvent> events = SampleGenerator.generate(generatorSpec);
    List<Path> written =
        rate == null
            ? EventWriter.write(events, dir)
            : new LiveWriter().write(events, dir, rate, limit);
    report(generatorSpec, events, written, dir);
    return 0;
  }

  private int writeToKafka(GeneratorSpec generatorSpec, Duration limit) {
    KafkaEventWriter writer =
        KafkaEventWriter.toTopic(kafkaServers, destination.kafkaTopic, "--kafka-bootstrap-servers");
    List<GeneratedEvent> events = SampleGenerator.generate(generatorSpec);
    int sent = writer.write(events, rate, limit);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Wrote %d of %d events to Kafka topic %s at %s (seed %d).%n",
            sent,
            events.size(),
            destination.kafkaTopic,
            kafkaServers,
            generatorSpec.seed())
        .flush();
    return 0;
  }

  /** A whole number from 1 to {@code max}, else a usage error naming the option. */
  static void requireRange(String option, int value, int max) {
    if (value < 1 || value > max) {
      throw Errors.invalidSetting(option, String.valueOf(value), "a whole number from 1 to " + max);
    }
  }

  /** Validates the live-mode options; the run limit (unlimited without --duration). */
  private Duration liveLimit() {
    if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
      throw Errors.invalidSetting(
          "--rate", String.valueOf(rate), "events per second, more than 0 and at most 1000000");
    }
    if (duration == null) {
      return Duration.ofNanos(Long.MAX_VALUE);
    }
    if (rate == null) {
      throw Errors.invalidSetting(
          "--duration",
          spec.findOption("--duration").originalStringValues().get(0),
          "to come with --rate: it limits a live run");
    }
    return duration;
  }

  /**
   * {@code dir}, created if missing; a file or an unwritable folder is a usage error naming --out.
   */
  static Path writableFolder(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw Errors.unwritableLocation(
          "--out", dir.toString(), new IOException("it exists and is not a folder"));
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

  private void report(
      GeneratorSpec generatorSpec, List<GeneratedEvent> events, List<Path> written, Path dir) {
    Set<String> names =
        written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    List<GeneratedEvent> done = events.stream().filter(e -> names.contains(e.fileName())).toList();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "Wrote %d events of %d orders in %d %s files to %s (seed %d).%n",
        done.size(),
        done.stream().map(GeneratedEvent::orderId).distinct().count(),
        written.size(),
        generatorSpec.format(),
        dir,
        generatorSpec.seed());
    if (done.size() == events.size()) {
      o.println(
          "Expected rows once processed: "
              + ExpectedState.of(events).totals().byTable().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(", ")));
    } else {
      o.printf(
          Locale.ROOT,
          "Stopped at the time limit: %d of %d events not written.%n",
          events.size() - done.size(),
          events.size());
    }
    o.flush();
  }
}
