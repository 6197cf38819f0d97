package io.orderstream.cli;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.metrics.MetricsEndpoint;
import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.Pipeline;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.pipeline.RunSummary.TableCount;
import io.orderstream.progress.ProgressDisplay;
import io.orderstream.source.Backlog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream run}: resolves the configuration, runs the pipeline, and prints every table
 * with its row count as an aligned two-column listing. Returns 0; configuration errors surface as
 * {@link io.orderstream.error.OrderstreamException} (exit 2) through {@link UserErrorHandler}.
 *
 * <p>Each {@link Setting} becomes an option through {@link SettingOptions}, so names, help and
 * defaults in {@code --help} come from the setting constants and cannot drift from the resolver.
 * The options have no picocli default: an option not given must stay absent so that the environment
 * and the config file can supply the value ({@link io.orderstream.config.ConfigResolver} owns
 * precedence).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    modelTransformer = RunCommand.SettingOptions.class,
    description =
        "Run the pipeline: read order events, keep the star schema of Delta tables up to"
            + " date, print each table's row count.",
    footer = {
      "",
      "Each setting comes from, highest first: the command line, the environment variable,"
          + " the --config file, the default. Relative paths start from the working directory.",
      "Exit codes: 0 success, 1 failure while running, 2 bad usage or configuration."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigSources sources;

  private final Map<String, String> environment;
  private final Path workingDirectory;
  private final PipelineRun pipeline;

  /** Runs the pipeline, telling {@code listener} of each committed batch (and the backlog). */
  @FunctionalInterface
  interface PipelineRun {
    RunSummary run(RunConfig config, RunListener listener);
  }

  /** What a run reports to: each committed batch and, when something shows it, the backlog. */
  interface RunListener extends Consumer<BatchReport> {
    /** Whether {@link #backlog} is wanted: counting it lists the input once more. */
    boolean wantsBacklog();

    void backlog(Backlog backlog);
  }

  /** What picocli instantiates: the real environment, working directory and pipeline. */
  RunCommand() {
    this(System.getenv(), Path.of("").toAbsolutePath(), RunCommand::runPipeline);
  }

  /** For tests: a stand-in environment, working directory and pipeline (no Spark). */
  RunCommand(Map<String, String> environment, Path workingDirectory, PipelineRun pipeline) {
    this.environment = environment;
    this.workingDirectory = workingDirectory;
    this.pipeline = pipeline;
  }

  @Override
  public Integer call() {
    RunConfig config =
        sources.resolver(workingDirectory, environment).commandLine(givenSettings()).resolve();
    // With --verbose: what the run was given, wherever each value came from; secrets masked.
    // Asked for here, not in a static field: --help must not start the logging system.
    Logger log = LoggerFactory.getLogger(RunCommand.class);
    log.debug("Settings: {}", config);
    RunSummary summary;
    PrintWriter out = spec.commandLine().getOut();
    // The metrics endpoint (when metrics-port is set) listens from before the first batch until
    // the run ends. The progress bar goes to the output the terminal check looked at (stdout), and
    // is closed, on its own line, before the listing.
    try (MetricsEndpoint metrics = MetricsEndpoint.start(config);
        ProgressDisplay progress = ProgressDisplay.open(config, this::onTerminal, out)) {
      summary = pipeline.run(config, new Listeners(metrics, progress));
    }
    listing(summary.tables()).forEach(out::println);
    out.flush();
    return 0;
  }

  private static RunSummary runPipeline(RunConfig config, RunListener listener) {
    Pipeline pipeline = new Pipeline(config).countingTables().onBatch(listener);
    if (listener.wantsBacklog()) {
      pipeline.onBacklog(listener::backlog);
    }
    return pipeline.run();
  }

  /**
   * Whether a person watches: stdin and stdout are a terminal (Java 17's System.console() is null
   * otherwise, so output redirected to a file or a pipe draws no bar) and this is not a CI job (CI
   * servers set CI, and some give the job a pseudo-terminal).
   */
  private boolean onTerminal() {
    return System.console() != null && !environment.containsKey("CI");
  }

  /** Each batch to the metrics and the progress bar; the backlog to the bar when it is shown. */
  private record Listeners(MetricsEndpoint metrics, ProgressDisplay progress)
      implements RunListener {
    @Override
    public void accept(BatchReport report) {
      metrics.accept(report);
      progress.accept(report);
    }

    @Override
    public boolean wantsBacklog() {
      return progress.shown();
    }

    @Override
    public void backlog(Backlog backlog) {
      progress.backlog(backlog);
    }
  }

  /** The settings given on this command line, by key; those not given are absent. */
  private Map<String, String> givenSettings() {
    Map<String, String> given = new HashMap<>();
    for (Setting<?> setting : Setting.all()) {
      Object value = spec.findOption(setting.option()).getValue();
      if (value != null) {
        given.put(setting.key(), value.toString());
      }
    }
    return given;
  }

  /** One line per table: names left-aligned, counts right-aligned, two spaces between. */
  static List<String> listing(List<TableCount> tables) {
    // at least 1: "%-0s" is not a valid format
    int nameWidth = Math.max(1, tables.stream().mapToInt(t -> t.table().length()).max().orElse(0));
    int rowsWidth = tables.stream().mapToInt(t -> Long.toString(t.rows()).length()).max().orElse(1);
    String format = "%-" + nameWidth + "s  %" + rowsWidth + "d";
    return tables.stream()
        .map(t -> String.format(format, t.table(), t.rows()).stripTrailing())
        .toList();
  }

  /** Adds one {@code --option} per {@link Setting} to the {@code run} command. */
  static final class SettingOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec command) {
      Setting.all().forEach(setting -> command.addOption(option(setting)));
      return command;
    }

    /**
     * The option of one setting: names, label and help from the setting; no default (see above).
     */
    static OptionSpec option(Setting<?> setting) {
      OptionSpec.Builder option =
          OptionSpec.builder(setting.option())
              .type(String.class)
              .paramLabel(setting.label())
              .description(
                  setting.help(),
                  "Default: "
                      + setting.defaultValue()
                      + "; env "
                      + setting.envVar()
                      + "; file key "
                      + setting.key()
                      + ".");
      if (setting == Setting.ONCE) {
        // a flag that also takes a value: --once, or --once=false to beat ORDERSTREAM_ONCE=true
        option.arity("0..1").fallbackValue("true");
      }
      if (setting == Setting.PROGRESS) {
        // --progress / --no-progress: picocli negates only boolean options; a Boolean with no
        // default stays null when neither is given, so the environment and file still apply
        option.type(Boolean.class).negatable(true);
      }
      return option.build();
    }
  }
}
