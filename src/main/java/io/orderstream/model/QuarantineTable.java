package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Every input that could not be used, with why. Append-only; one row per rejected document. */
public final class QuarantineTable {
  public static final String NAME = "quarantine";

  /** Raw content beyond this many characters is cut; the source file keeps the whole of it. */
  public static final int MAX_RAW_CHARS = 1 << 20;

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Inputs that could not be used: raw content, where it came from, why, and when.",
          TableKind.QUARANTINE,
          "id",
          List.of(
              derived(
                  "id",
                  TEXT,
                  "source, '#', position of the document in it",
                  "",
                  concat(col("source"), lit("#"), col("position").cast("string"))),
              derived("source", TEXT, "file the input came from", "", col("source")),
              derived(
                  "line",
                  COUNT,
                  "line in the file for JSON Lines input; 0 for a whole-file document",
                  "",
                  col("line")),
              derived(
                  "reason",
                  TEXT,
                  "reason code: empty, not-utf8, not-json, truncated, not-an-object, missing-order-id, missing-dat_atui, bad-timestamp, wrong-type, missing-field, vanished, too-large, out-of-range, unprocessable",
                  "",
                  col("reason")),
              derived(
                  "detail",
                  TEXT,
                  "what exactly was wrong, with the JSON path when there is one",
                  "",
                  col("detail")),
              derived(
                  "raw_content",
                  TEXT,
                  "the input as it arrived (first " + MAX_RAW_CHARS + " characters)",
                  "",
                  substring(col("raw"), 1, MAX_RAW_CHARS)),
              derived(
                  "raw_length",
                  COUNT,
                  "length of the whole input in characters",
                  "",
                  length(col("raw"))),
              derived(
                  "quarantined_at",
                  INSTANT,
                  "when the pipeline quarantined it",
                  "",
                  current_timestamp()),
              derived(
                  Lineage.BATCH_ID,
                  COUNT,
                  "streaming micro-batch that quarantined it",
                  "",
                  col(Lineage.BATCH_ID))),
          List.of());

  private QuarantineTable() {}

  /** Rows from the decoder's rejections. */
  public static Dataset<Row> rows(Dataset<Row> rejected, long batchId) {
    return rejected.withColumn(Lineage.BATCH_ID, lit(batchId)).select(DEFINITION.selection());
  }
}
