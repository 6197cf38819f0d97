package io.orderstream.tools.bench;

import io.orderstream.config.Setting;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.OutputFormat;
import io.orderstream.tools.generate.SampleGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures 1 and 2 of the benchmark: a backlog drained by {@code orderstream run --once}, and the
 * engine's floor on the same files (read with the event schema, appended to one table), each in its
 * own JVM, timed from start to exit.
 */
final class BacklogBench {
  static final int EVENTS_PER_FILE = 20;
  static final double DUPLICATES = 0.05;
  static final double LATE = 0.05;

  /** The backlog run's log, which holds its table listing. */
  static final String RUN_LOG = "backlog-run.log";

  private static final long SEED = 42;

  /**
   * The most bytes per micro-batch of a measured run: above the full-size backlog's 481 MB, so that
   * {@code --max-files-per-trigger} alone decides its batches, as it did when the targets were set.
   * With the default byte bound (256 MiB) the backlog is two batches, and the second rewrites the
   * large files the first wrote (docs/performance.md, "One batch for the backlog").
   */
  static final long BYTES_PER_TRIGGER = 1L << 30;

  record Result(int events, int files, long runMillis, long floorMillis) {
    double eventsPerSecond() {
      return events * 1000.0 / runMillis;
    }

    double floorEventsPerSecond() {
      return events * 1000.0 / floorMillis;
    }
  }

  /**
   * The backlog's files as written: every backlog measurement (folder, S3, SQS) reads the same
   * ones.
   */
  record Backlog(int events, List<Path> files) {}

  private BacklogBench() {}

  /** {@code runCommand}: main class and arguments of {@code orderstream run}, without settings. */
  static Result run(BenchSize size, Path work, Path logs, List<String> runCommand) {
    Path input = work.resolve("backlog/input");
    Backlog backlog = generate(size, input);
    List<String> args = runArguments(runCommand, input.toString(), work.resolve("backlog"), size);
    long run = ChildJvm.run(logs.resolve(RUN_LOG), runCommand.get(0), args.toArray(String[]::new));
    long floor =
        FloorJob.timed(logs.resolve("floor.log"), input, work.resolve("floor/table"), false);
    return new Result(backlog.events(), backlog.files().size(), run, floor);
  }

  /**
   * Writes the backlog of {@code size} into {@code folder}: the same events every time (a fixed
   * seed).
   */
  static Backlog generate(BenchSize size, Path folder) {
    List<GeneratedEvent> events = events(size);
    return new Backlog(events.size(), EventWriter.write(events, folder));
  }

  /** The backlog's events in the order its files hold them, one line of JSON each. */
  static List<GeneratedEvent> events(BenchSize size) {
    return events(size.backlogOrders());
  }

  /** A backlog of {@code orders} orders, made as the benchmark's backlog is. */
  static List<GeneratedEvent> events(int orders) {
    return SampleGenerator.generate(
        GeneratorSpec.of(orders, SEED)
            .withFormat(OutputFormat.JSONL)
            .withEventsPerFile(EVENTS_PER_FILE)
            .withDuplicates(DUPLICATES)
            .withLate(LATE));
  }

  /**
   * The arguments after the main class of one measured {@code run --once} over the backlog, with
   * its tables and checkpoint under {@code folder}: every backlog run gets these, whatever it
   * reads.
   */
  static List<String> runArguments(
      List<String> runCommand, String input, Path folder, BenchSize size) {
    List<String> args = new ArrayList<>(runCommand.subList(1, runCommand.size()));
    args.addAll(
        List.of(
            Setting.ONCE.option(),
            Setting.INPUT.option(),
            input,
            Setting.TABLES.option(),
            folder.resolve("tables").toString(),
            Setting.CHECKPOINT.option(),
            folder.resolve("checkpoint").toString(),
            Setting.MAX_FILES_PER_TRIGGER.option(),
            Integer.toString(size.backlogFilesPerTrigger()),
            Setting.MAX_BYTES_PER_TRIGGER.option(),
            Long.toString(BYTES_PER_TRIGGER)));
    return args;
  }
}
