package io.orderstream.cli;

import io.orderstream.testing.SparkTestSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code orderstream export ...} in this JVM, as the command line runs it (same option parsing,
 * error handler and exit codes), on the tests' shared Spark session.
 */
public final class ExportCli {
  /** Exit code and what the command printed. */
  public record Outcome(int exitCode, String out, String err) {}

  private ExportCli() {}

  public static Outcome run(
      Map<String, String> environment, Path workingDirectory, List<String> arguments) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            if (type == ExportCommand.class) {
              return type.cast(
                  new ExportCommand(
                      environment, workingDirectory, config -> SparkTestSession.get()));
            }
            return CommandLine.defaultFactory().create(type);
          }
        };
    CommandLine commandLine = Main.commandLine(factory);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] args = new String[arguments.size() + 1];
    args[0] = "export";
    for (int i = 0; i < arguments.size(); i++) {
      args[i + 1] = arguments.get(i);
    }
    int code = commandLine.execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
