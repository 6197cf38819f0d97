package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code orderstream run --once} (or another subcommand) in a child JVM that can be killed with
 * SIGKILL: the test classpath and the launcher's JVM flags (bin/jvm-options, read from the project
 * folder surefire runs in), so the child is the same program bin/orderstream runs, with a cheaper
 * JIT. Its output goes to a log file.
 */
public final class ChildPipeline {
  private final Process process;
  private final Path log;

  private ChildPipeline(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * The test JVM's own session settings ({@link SparkTestSession}), which every child run gets, so
   * a child writes its tables as the in-JVM reference runs it is compared with do.
   */
  private static final List<String> TEST_SESSION_SETTINGS =
      List.of(
          "--master",
          SparkTestSession.MASTER,
          "--conf",
          "spark.sql.shuffle.partitions=" + SparkTestSession.SHUFFLE_PARTITIONS);

  /**
   * Starts {@code run --once} with these arguments (input, tables, checkpoint, batch size...) and
   * the test session's settings.
   */
  public static ChildPipeline start(Path log, List<String> runArguments) {
    return start(log, runArguments, Map.of());
  }

  /** As {@link #start(Path, List)}, with extra environment variables (e.g. the AWS chain's). */
  public static ChildPipeline start(
      Path log, List<String> runArguments, Map<String, String> environment) {
    List<String> arguments = new ArrayList<>(List.of("run", "--once"));
    arguments.addAll(runArguments);
    arguments.addAll(TEST_SESSION_SETTINGS);
    return startCommand(log, arguments, environment);
  }

  /** Starts {@code orderstream <arguments>} (any subcommand) with extra environment variables. */
  public static ChildPipeline startCommand(
      Path log, List<String> arguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // A child lives for a batch or two, beside the test JVM on 2 cores: the C1 compiler alone costs
    // about a quarter less CPU for a cold run --once on the samples (117 s against 156 s, median of
    // 3), and nothing here runs long enough to repay C2. JIT choice changes no result.
    command.add("-XX:TieredStopAtLevel=1");
    // C1 alone shrinks the JVM's default code cache to 48 MB, and a Kafka child that decodes,
    // MERGEs nine tables and appends the batch log filled it ("CodeCache is full", then
    // VirtualMachineError in a writer): give it the tiered default back.
    command.add("-XX:ReservedCodeCacheSize=240m");
    command.addAll(jvmOptions());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.orderstream.cli.Main");
    command.addAll(arguments);
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      Process process =
          builder
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      return new ChildPipeline(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public int exitCode() throws InterruptedException {
    return process.waitFor();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> jvmOptions() {
    try {
      return Files.readAllLines(Path.of("bin/jvm-options")).stream()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
