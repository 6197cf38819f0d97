package io.orderstream.source;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Streams the files of a folder (local or any Hadoop URI) whole: one row per file with
 * {@code source} (its path) and {@code content} (its bytes).
 *
 * <p>Files are read as bytes, not parsed by Spark, so every file reaches the decoder, and the
 * quarantine when it is unusable: one that is empty (the text source yields no row for it), not
 * UTF-8, or not JSON. Spark's file source remembers files by name in
 * the checkpoint, so each file is read once even when many land in the same second. Files must
 * appear atomically (written elsewhere, then renamed in); names starting with '.' or '_' are ignored.
 */
public final class EventFileSource {
  /** The binaryFile source's fixed columns; a stream must be given them. */
  private static final StructType BINARY_FILE_SCHEMA = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("modificationTime", DataTypes.TimestampType, false)
      .add("length", DataTypes.LongType, false)
      .add("content", DataTypes.BinaryType, true);

  private EventFileSource() {}

  public static Dataset<Row> stream(SparkSession spark, String input, int maxFilesPerTrigger) {
    return spark.readStream()
        .format("binaryFile")
        .schema(BINARY_FILE_SCHEMA)
        .option("maxFilesPerTrigger", Integer.toString(maxFilesPerTrigger))
        .load(input)
        .select(col("path").as("source"), col("content"));
  }
}
