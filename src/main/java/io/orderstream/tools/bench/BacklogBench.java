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
 * engine's floor on the same files (read with the event schema, appended to one table), each in
 * its own JVM, timed from start to exit.
 */
final class BacklogBench {
  static final int EVENTS_PER_FILE = 20;
  static final double DUPLICATES = 0.05;
  static final double LATE = 0.05;
  private static final long SEED = 42;

  record Result(int events, int files, long runMillis, long floorMillis) {
    double eventsPerSecond() {
      return events * 1000.0 / runMillis;
    }

    double floorEventsPerSecond() {
      return events * 1000.0 / floorMillis;
    }
  }

  private BacklogBench() {}

  /** {@code runCommand}: main class and arguments of {@code orderstream run}, without settings. */
  static Result run(BenchSize size, Path work, Path logs, List<String> runCommand) {
    Path input = work.resolve("backlog/input");
    List<GeneratedEvent> events = SampleGenerator.generate(GeneratorSpec.of(size.backlogOrders(), SEED)
        .withFormat(OutputFormat.JSONL).withEventsPerFile(EVENTS_PER_FILE).withDuplicates(DUPLICATES).withLate(LATE));
    int files = EventWriter.write(events, input).size();
    List<String> args = new ArrayList<>(runCommand.subList(1, runCommand.size()));
    args.addAll(List.of(Setting.ONCE.option(),
        Setting.INPUT.option(), input.toString(),
        Setting.TABLES.option(), work.resolve("backlog/tables").toString(),
        Setting.CHECKPOINT.option(), work.resolve("backlog/checkpoint").toString(),
        Setting.MAX_FILES_PER_TRIGGER.option(), Integer.toString(size.backlogFilesPerTrigger())));
    long run = ChildJvm.run(logs.resolve("backlog-run.log"), runCommand.get(0), args.toArray(String[]::new));
    long floor = ChildJvm.run(logs.resolve("floor.log"), FloorJob.class.getName(),
        input.toString(), work.resolve("floor/table").toString());
    return new Result(events.size(), files, run, floor);
  }
}
