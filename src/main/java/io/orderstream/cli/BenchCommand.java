package io.orderstream.cli;

import io.orderstream.bench.BenchSize;
import io.orderstream.bench.Benchmark;
import io.orderstream.error.Errors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code orderstream bench}: runs the benchmark and writes results.json and chart.html. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Measure throughput, latency and batch time against history size; write results.json and chart.html.",
        "full: the sizes of the performance targets (about 30 minutes on 2 cores); small: a few minutes, to try it."})
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--size", defaultValue = "full", paramLabel = "full|small",
      description = "How big each measurement is (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(names = "--out", defaultValue = "bench", paramLabel = "DIR",
      description = "Folder for results.json and chart.html (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--parts", split = ",", paramLabel = "PART[,PART...]",
      description = "Measurements to run: backlog (with the floor), latency, history (with the baseline);"
          + " default all. Those run replace their keys in an existing results.json; the others are kept.")
  List<String> parts;

  @Option(names = "--work", paramLabel = "DIR",
      description = "Folder for the generated events, tables and logs; kept afterwards."
          + " Default: a temporary folder, deleted afterwards.")
  Path work;

  @Override
  public Integer call() throws InterruptedException {
    BenchSize benchSize = BenchSize.named(size);
    boolean temporary = work == null;
    Path folder = temporary ? temporaryFolder() : work;
    if (!temporary && Files.exists(folder) && !isEmptyFolder(folder)) {
      throw Errors.invalidSetting("--work", folder.toString(), "a missing or empty folder: the benchmark starts from nothing");
    }
    PrintWriter progress = spec.commandLine().getOut();
    try {
      new Benchmark(benchSize, folder, out, progress).run(parts());
    } finally {
      if (temporary) {
        deleteRecursively(folder);
      }
    }
    return 0;
  }

  private Set<Benchmark.Part> parts() {
    if (parts == null || parts.isEmpty()) {
      return EnumSet.allOf(Benchmark.Part.class);
    }
    Set<Benchmark.Part> chosen = EnumSet.noneOf(Benchmark.Part.class);
    for (String part : parts) {
      try {
        chosen.add(Benchmark.Part.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw Errors.invalidSetting("--parts", part, "backlog, latency or history, separated by commas");
      }
    }
    return chosen;
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("orderstream-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isEmptyFolder(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> all = Files.walk(folder)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
