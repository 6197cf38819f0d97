package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.config.RunConfig;
import io.orderstream.pipeline.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * However a command fails, the user reads one {@code orderstream:} line naming the cause and what
 * to do, and no stack trace: neither the command's own nor Spark's reports of a failed task or
 * query.
 */
class FailureReportTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  // ---------------------------------------------------------------- in process: the handler

  @Test
  void unexpectedFailureIsOneLineWithCauseAndAdviceAndExitOne() {
    int exitCode =
        run(
            config -> {
              throw new IllegalStateException(
                  "Task failed while writing rows",
                  new IOException("No space left on device\n\tat some.Frame(Frame.java:1)"));
            });

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .isEqualTo(
            "orderstream: Failed: IllegalStateException: Task failed while writing rows"
                + " (caused by IOException: No space left on device); if that names a storage, permission or memory"
                + " problem, fix it and run again, else run again with --verbose for the stack trace and report it");
  }

  @Test
  void jvmErrorIsOneLineAndExitOne() {
    CommandLine cli =
        commandLine(
            config -> {
              throw new OutOfMemoryError("Java heap space");
            });

    int exitCode = Main.execute(cli, "run", "--input", input());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString().lines())
        .singleElement()
        .asString()
        .startsWith("orderstream: Failed: OutOfMemoryError: Java heap space; ");
  }

  @Test
  void verboseAfterTheSubcommandSwitchesToTheVerboseLogConfiguration() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    URI before = context.getConfigLocation();
    try {
      int exitCode = run(config -> new RunSummary(0, List.of()), "--verbose");

      assertThat(exitCode).as(err.toString()).isZero();
      assertThat(context.getConfigLocation().toString()).endsWith(VerboseLogging.CONFIGURATION);
    } finally {
      context.setConfigLocation(before);
    }
  }

  /** An input folder apart from the default tables and checkpoint under the working directory. */
  private String input() {
    try {
      return Files.createDirectories(dir.resolve("in")).toString();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int run(Function<RunConfig, RunSummary> pipeline, String... extra) {
    String[] args =
        Stream.concat(Stream.of("run", "--input", input()), Stream.of(extra))
            .toArray(String[]::new);
    return commandLine(pipeline).execute(args);
  }

  private CommandLine commandLine(Function<RunConfig, RunSummary> pipeline) {
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == RunCommand.class) {
              return type.cast(
                  new RunCommand(Map.of(), dir, (config, onBatch) -> pipeline.apply(config)));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }
}
