package io.orderstream.tools.bench;

import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures what every newcomer pays before throughput shows: a fresh JVM's {@code run --once} on
 * the bundled samples, and on a small backlog, each timed from start to exit, table listing
 * included, as a user sees it. Also what a scheduler that starts {@code run --once} every few
 * minutes pays when nothing new has arrived: a second run on the samples' tables. Each input also
 * goes through the floor job ({@link FloorJob}, read and append to one table) in a fresh JVM, so
 * the figures sit beside what the engine alone costs at that size.
 */
final class ColdPathBench {
  /** The bundled samples, relative to the project folder the benchmark runs from. */
  static final Path SAMPLES = Path.of("samples", "events");

  /**
   * @param samplesFloorMillis the floor job on the samples, one document per file
   * @param restartMillis a fresh JVM's {@code run --once} again on the samples, with their tables
   *     and checkpoint: nothing new to process
   * @param smallFloorMillis the floor job on the small backlog's files
   */
  record Result(
      long samplesMillis,
      long samplesFloorMillis,
      long restartMillis,
      int smallEvents,
      int smallFiles,
      long smallMillis,
      long smallFloorMillis) {
    double smallEventsPerSecond() {
      return smallEvents * 1000.0 / smallMillis;
    }

    double smallFloorEventsPerSecond() {
      return smallEvents * 1000.0 / smallFloorMillis;
    }
  }

  private ColdPathBench() {}

  static Result run(BenchSize size, Path work, Path logs, List<String> runCommand) {
    if (!Files.isDirectory(SAMPLES)) {
      throw new IllegalStateException(
          "The cold-path measure runs on the bundled samples, "
              + SAMPLES.toAbsolutePath()
              + ", which is not a folder: run the benchmark from the project folder");
    }
    long samples =
        once(logs.resolve("samples-once.log"), SAMPLES, work.resolve("samples"), size, runCommand);
    long restart =
        once(
            logs.resolve("samples-restart-once.log"),
            SAMPLES,
            work.resolve("samples"),
            size,
            runCommand);
    long samplesFloor =
        FloorJob.timed(
            logs.resolve("samples-floor.log"), SAMPLES, work.resolve("samples/floor-table"), true);
    Path input = work.resolve("small-backlog/input");
    List<GeneratedEvent> events = BacklogBench.events(size.smallBacklogOrders());
    int files = EventWriter.write(events, input).size();
    long small =
        once(
            logs.resolve("small-backlog-once.log"),
            input,
            work.resolve("small-backlog"),
            size,
            runCommand);
    long smallFloor =
        FloorJob.timed(
            logs.resolve("small-backlog-floor.log"),
            input,
            work.resolve("small-backlog/floor-table"),
            false);
    return new Result(samples, samplesFloor, restart, events.size(), files, small, smallFloor);
  }

  private static long once(
      Path log, Path input, Path folder, BenchSize size, List<String> runCommand) {
    List<String> args = BacklogBench.runArguments(runCommand, input.toString(), folder, size);
    return ChildJvm.run(log, runCommand.get(0), args.toArray(String[]::new));
  }
}
