package io.orderstream.cli;

import io.orderstream.error.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Entry point: {@code orderstream <subcommand>}. Exit codes: 0 ok, 1 failure, 2 bad usage or
 * configuration.
 *
 * <p>{@code generate} and {@code bench} drive the tooling in {@code io.orderstream.tools}, which
 * the cluster jar leaves out; they are added only where the tooling is on the class path.
 */
@Command(
    name = "orderstream",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Turns nested JSON order events into a star schema of Delta tables, exactly once.",
    subcommands = {
      RunCommand.class,
      SnapshotCommand.class,
      CheckCommand.class,
      MaintainCommand.class,
      RebuildCommand.class,
      StatusCommand.class,
      ExportCommand.class
    })
public final class Main {
  /** A class every build with the tooling has; looked up as a resource so nothing is loaded. */
  private static final String TOOLS_PRESENT = "/io/orderstream/tools/generate/GeneratorSpec.class";

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description =
          "Log orderstream's progress in detail and show the stack trace of a failure,"
              + " which is otherwise one line. Default: off.")
  void verbose(boolean on) {
    if (on) {
      VerboseLogging.enable();
    }
  }

  public static void main(String[] args) {
    VerboseLogging.chooseAtStart(args);
    System.exit(execute(commandLine(), args));
  }

  /**
   * Runs the command line; picocli hands only {@link Exception}s to {@link UserErrorHandler}, so a
   * JVM error (out of memory, stack overflow) is reported here, in the same one line.
   */
  static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } catch (Error fatal) {
      commandLine.getErr().println("orderstream: " + Errors.unexpected(fatal).getMessage());
      commandLine.getErr().flush();
      return Errors.EXIT_FAILURE;
    }
  }

  /** The configured command line; tests call {@code execute} on it and read its writers. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** As {@link #commandLine()}, {@code factory} creating the subcommands (tests pass stand-ins). */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new Main(), factory);
    if (Main.class.getResource(TOOLS_PRESENT) != null) {
      cli.addSubcommand(GenerateCommand.class).addSubcommand(BenchCommand.class);
    }
    // after every subcommand is added: the handlers apply to those present
    return cli.setExecutionExceptionHandler(new UserErrorHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
  }
}
