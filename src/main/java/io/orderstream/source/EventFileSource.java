package io.orderstream.source;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Streams the files of a folder (local or any Hadoop URI) as whole texts: one row per file with
 * {@code source} (its path) and {@code content}.
 *
 * <p>Files are read whole, not parsed by Spark, so a file that is not JSON still reaches the
 * decoder and the quarantine with its raw content. Spark's file source remembers files by name in
 * the checkpoint, so each file is read once even when many land in the same second. Files must
 * appear atomically (written elsewhere, then renamed in); names starting with '.' or '_' are ignored.
 */
public final class EventFileSource {
  private EventFileSource() {}

  public static Dataset<Row> stream(SparkSession spark, String input, int maxFilesPerTrigger) {
    return spark.readStream()
        .format("text")
        .option("wholetext", "true")
        .option("maxFilesPerTrigger", Integer.toString(maxFilesPerTrigger))
        .load(input)
        .select(col("_metadata.file_path").as("source"), col("value").as("content"));
  }
}
