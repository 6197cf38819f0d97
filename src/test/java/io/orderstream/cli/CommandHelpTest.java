package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --help} of every command and subcommand, through picocli as a user runs it: exit 0, the
 * usage line, complete sentences in the description, and every option listed with its help.
 */
class CommandHelpTest {

  static Stream<String> commands() {
    List<String> names = new ArrayList<>();
    collect(Main.commandLine(), names);
    return names.stream();
  }

  @ParameterizedTest(name = "{0} --help")
  @MethodSource("commands")
  void helpPrintsUsageDescriptionAndEveryOption(String qualifiedName) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> args =
        new ArrayList<>(
            List.of(qualifiedName.split(" ")).subList(1, qualifiedName.split(" ").length));
    args.add("--help");

    int exit = cli.execute(args.toArray(String[]::new));

    CommandSpec spec = find(cli, args.subList(0, args.size() - 1));
    assertThat(exit).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString()).startsWith("Usage: " + qualifiedName + " ");
    for (String paragraph : spec.usageMessage().description()) {
      assertThat(paragraph).as("a description paragraph of %s", qualifiedName).endsWith(".");
      assertThat(withoutSpace(out.toString()))
          .contains(withoutSpace(paragraph)); // picocli wraps lines
    }
    for (OptionSpec option : spec.options()) {
      assertThat(option.description())
          .as("help of %s %s", qualifiedName, option.longestName())
          .isNotEmpty();
      // a negatable option shows as --[no-]name
      assertThat(out.toString())
          .contains(
              option.negatable()
                  ? option.longestName().replaceFirst("^--", "--[no-]")
                  : option.longestName());
    }
  }

  @Test
  void mainHelpListsEverySubcommandWithItsFirstSentence() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));

    assertThat(cli.execute("--help")).isZero();

    assertThat(cli.getSubcommands()).containsKeys("run", "check", "snapshot", "generate", "bench");
    cli.getSubcommands()
        .forEach(
            (name, sub) ->
                assertThat(withoutSpace(out.toString()))
                    .contains(
                        withoutSpace(name + sub.getCommandSpec().usageMessage().description()[0])));
  }

  private static String withoutSpace(String text) {
    return text.replaceAll("\\s+", "");
  }

  private static void collect(CommandLine command, List<String> names) {
    names.add(command.getCommandSpec().qualifiedName());
    command.getSubcommands().values().stream()
        .filter(sub -> !sub.getCommandSpec().usageMessage().hidden())
        .forEach(sub -> collect(sub, names));
  }

  private static CommandSpec find(CommandLine root, List<String> path) {
    CommandLine command = root;
    for (String name : path) {
      command = command.getSubcommands().get(name);
    }
    return command.getCommandSpec();
  }
}
