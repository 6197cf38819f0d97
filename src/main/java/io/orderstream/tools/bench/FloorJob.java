package io.orderstream.tools.bench;

import io.orderstream.event.EventSchema;
import io.orderstream.pipeline.SparkSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The floor of the engine on the benchmark's input: read the event files with the event schema and
 * append them to one Delta table, nothing else. Run in its own JVM ({@link ChildJvm}) so it pays
 * the same start-up as {@code orderstream run --once}.
 *
 * <p>Arguments: input folder, table folder, and {@code multi-line} when each file is one pretty
 * JSON document (as the bundled samples are) rather than JSON Lines.
 */
public final class FloorJob {
  /** The third argument for files that each hold one document over several lines. */
  private static final String MULTI_LINE = "multi-line";

  private FloorJob() {}

  /**
   * Runs the floor job in a new JVM, output to {@code log}.
   *
   * @param multiLine each file is one document over several lines, as the bundled samples are
   * @return its wall time in ms
   */
  static long timed(Path log, Path input, Path table, boolean multiLine) {
    List<String> args = new ArrayList<>(List.of(input.toString(), table.toString()));
    if (multiLine) {
      args.add(MULTI_LINE);
    }
    return ChildJvm.run(log, FloorJob.class.getName(), args.toArray(String[]::new));
  }

  public static void main(String[] args) {
    SparkSession.Builder builder =
        SparkSession.builder().appName("orderstream-floor").master("local[*]");
    SparkSessions.defaults("local[*]").forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try {
      spark
          .read()
          .schema(EventSchema.sparkType())
          .option("timestampFormat", EventSchema.TIMESTAMP_PATTERN)
          .option("multiLine", args.length > 2 && args[2].equals(MULTI_LINE))
          .json(args[0])
          .write()
          .format("delta")
          .mode("append")
          .save(args[1]);
    } finally {
      spark.stop();
    }
  }
}
