package io.orderstream.cli;

import io.orderstream.config.UriOrPath;
import io.orderstream.read.ConsistentSnapshot;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.TableLocations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream snapshot}: prints the newest consistent state of the tables (the batch and
 * every table's Delta version) and the SQL source that reads each table at that version. Needs no
 * Spark: it reads one small manifest file. A location without a manifest is a usage error (exit 2).
 */
@Command(
    name = "snapshot",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the newest consistent state of the tables: the batch, each table's Delta version and the SQL that reads it.",
      "The batch is the newest that committed to every table; reading each table at its version,"
          + " every foreign key resolves while the pipeline keeps writing."
    },
    footer = {
      "",
      "Exit codes: 0 success, 2 bad usage or a location without a consistent snapshot."
    })
final class SnapshotCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--tables",
      paramLabel = "PATH",
      defaultValue = "data/tables",
      description =
          "Folder or URI the pipeline writes its tables under (default: ${DEFAULT-VALUE}).")
  String tables;

  private final Path workingDirectory;

  /** Made only when the command runs: Hadoop's classes and its logging take seconds to load. */
  private final Supplier<Configuration> hadoop;

  SnapshotCommand() {
    this(Path.of("").toAbsolutePath(), new NewHadoopConfiguration());
  }

  /** For tests: a stand-in working directory and Hadoop configuration. */
  SnapshotCommand(Path workingDirectory, Supplier<Configuration> hadoop) {
    this.workingDirectory = workingDirectory;
    this.hadoop = hadoop;
  }

  @Override
  public Integer call() {
    TableLocations locations = new TableLocations(resolved(tables));
    BatchManifest manifest = ConsistentSnapshot.newestManifest("--tables", locations, hadoop.get());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "batch %s, committed %s%n",
        manifest.batchId() == BatchManifest.CREATED
            ? "none yet (tables created empty)"
            : Long.toString(manifest.batchId()),
        manifest.committedAt());
    Map<String, Long> versions = new TreeMap<>(manifest.versions());
    int width = versions.keySet().stream().mapToInt(String::length).max().orElse(1);
    versions.forEach(
        (name, version) ->
            out.printf(
                Locale.ROOT,
                "%-" + width + "s  %5d  %s%n",
                name,
                version,
                ConsistentSnapshot.sqlSource(locations, name, version)));
    out.flush();
    return 0;
  }

  private String resolved(String text) {
    return UriOrPath.resolve(text, workingDirectory);
  }

  /**
   * A class of its own, not {@code Configuration::new}: picocli reflects on the command's methods
   * and a method reference links Hadoop's classes, either of which would slow down {@code --help}.
   */
  private static final class NewHadoopConfiguration implements Supplier<Configuration> {
    @Override
    public Configuration get() {
      return new Configuration();
    }
  }
}
