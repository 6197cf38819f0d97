package io.orderstream.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a class's {@code main} in a new JVM with this JVM's java, class path and flags (the {@code
 * --add-opens} list Spark needs, the heap), so a measured command pays its own start-up, as a
 * user's {@code orderstream run} does.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * Runs to the end with output to {@code log}; returns the wall time in ms; fails on a non-zero
   * exit.
   */
  static long run(Path log, String mainClass, String... args) {
    return run(log, Map.of(), mainClass, args);
  }

  /** As {@link #run(Path, String, String...)}, with {@code environment} added to this JVM's. */
  static long run(Path log, Map<String, String> environment, String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    try {
      int exit = builder.start().waitFor();
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (exit != 0) {
        throw new IllegalStateException(
            mainClass
                + " "
                + String.join(" ", args)
                + " exited with "
                + exit
                + "; its output is in "
                + log);
      }
      return millis;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot start a JVM for " + mainClass + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while " + mainClass + " ran", e);
    }
  }
}
