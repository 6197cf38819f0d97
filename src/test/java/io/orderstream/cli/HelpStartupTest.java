package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} of every command stays a matter of picocli and this project's classes: it neither
 * starts the logging system nor touches Spark's runtime, whose class loading is what used to make
 * help take seconds. Checked by the classes a fresh JVM loads, not by a clock.
 */
class HelpStartupTest {
  @Test
  void helpOfEveryCommandLoadsNeitherLoggingNorSparksRuntime() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-verbose:class");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EveryHelp.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());

    assertThat(process.waitFor()).as(output).isZero();
    assertThat(output)
        .contains(
            "helped: run snapshot check maintain rebuild status export generate generate fuzz bench");
    List<String> loaded = output.lines().filter(line -> line.contains("[class,load]")).toList();
    assertThat(loaded).noneMatch(line -> line.contains(" org.apache.logging."));
    assertThat(loaded).noneMatch(line -> line.contains(" org.apache.spark.SparkContext "));
    assertThat(loaded).noneMatch(line -> line.contains(" org.apache.hadoop."));
  }

  /** Prints the help of every command and subcommand into a buffer, then names them. */
  public static final class EveryHelp {
    public static void main(String[] args) {
      List<String> helped = new ArrayList<>();
      for (List<String> path : commands(Main.commandLine(), List.of())) {
        CommandLine root = Main.commandLine();
        StringWriter out = new StringWriter();
        root.setOut(new PrintWriter(out));
        List<String> arguments = new ArrayList<>(path);
        arguments.add("--help");
        int exit = Main.execute(root, arguments.toArray(String[]::new));
        if (exit != 0 || out.toString().isBlank()) {
          throw new IllegalStateException(String.join(" ", path) + " --help exited " + exit);
        }
        helped.add(String.join(" ", path));
      }
      System.out.println("helped: " + String.join(" ", helped));
    }

    private static List<List<String>> commands(CommandLine command, List<String> path) {
      List<List<String>> paths = new ArrayList<>();
      for (CommandLine sub : command.getSubcommands().values()) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(sub.getCommandName());
        paths.add(subPath);
        paths.addAll(commands(sub, subPath));
      }
      return paths;
    }
  }
}
