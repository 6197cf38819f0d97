package io.orderstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * {@code orderstream <command> <args>} through {@link Main#commandLine(IFactory)} with one
 * subcommand built by the test (stand-in environment, pipeline or session), its output captured.
 */
final class StandInCli {
  private StandInCli() {}

  static <C> int execute(
      Class<C> type,
      Supplier<C> standIn,
      StringWriter out,
      StringWriter err,
      String command,
      String... args) {
    IFactory factory =
        new IFactory() {
          @Override
          public <K> K create(Class<K> created) throws Exception {
            return created == type
                ? created.cast(standIn.get())
                : CommandLine.defaultFactory().create(created);
          }
        };
    CommandLine cli = Main.commandLine(factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] commandLine = new String[args.length + 1];
    commandLine[0] = command;
    System.arraycopy(args, 0, commandLine, 1, args.length);
    return cli.execute(commandLine);
  }
}
