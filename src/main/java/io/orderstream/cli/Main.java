package io.orderstream.cli;

import io.orderstream.ops.CheckCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code orderstream <subcommand>}. Exit codes: 0 ok, 1 failure, 2 bad usage or configuration. */
@Command(
    name = "orderstream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Turns nested JSON order events into a star schema of Delta tables, exactly once.",
    subcommands = {RunCommand.class, GenerateCommand.class, BenchCommand.class, SnapshotCommand.class,
        CheckCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it and read its writers. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** As {@link #commandLine()}, {@code factory} creating the subcommands (tests pass stand-ins). */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    return new CommandLine(new Main(), factory)
        .setExecutionExceptionHandler(new UserErrorHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
  }
}
