package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One row per committed micro-batch: what it read, what it changed and where its time went. An
 * operational table: it describes the pipeline, not the events, so it is in no manifest and no
 * comparison of two runs.
 */
public final class BatchLogTable {
  public static final String NAME = "batch_log";

  /** Rows a batch inserted, updated and deleted in one table. */
  public static final StructType ROW_CHANGES =
      new StructType()
          .add("inserted", DataTypes.LongType, true)
          .add("updated", DataTypes.LongType, true)
          .add("deleted", DataTypes.LongType, true);

  private static final DataType COUNTS = DataTypes.createMapType(TEXT, COUNT, true);

  public static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Operations: one row per committed micro-batch, what it read and changed and how long"
              + " each phase took.",
          TableKind.BATCH_LOG,
          "id",
          List.of(
              column("id", TEXT, "app_id, ':', batch_id"),
              column(
                  "app_id",
                  TEXT,
                  "the checkpoint's identity; batch ids start again at 0 with a new checkpoint"),
              column("batch_id", COUNT, "the micro-batch id, as in lineage_batch_id"),
              column("source", TEXT, "what the pipeline read: the folder, bucket, queue or topic"),
              column("started_at", INSTANT, "when the batch's processing started"),
              column(
                  "ended_at", INSTANT, "when its manifest was written: readers see it from then"),
              column("duration_ms", COUNT, "ended_at minus started_at, in milliseconds"),
              column("inputs", COUNT, "inputs read: files, objects or records"),
              column("events", COUNT, "valid events among them"),
              column("quarantined", COUNT, "documents quarantined (a file, record or line)"),
              column(
                  "quarantined_by_reason",
                  COUNTS,
                  "documents quarantined per reason code of the quarantine table"),
              column("orders_changed", COUNT, "orders whose winning event changed"),
              column(
                  "rows_written",
                  DataTypes.createMapType(TEXT, ROW_CHANGES, true),
                  "per table written: rows inserted, updated and deleted"),
              column(
                  "phase_ms",
                  COUNTS,
                  "milliseconds per phase: decode, change_detection, quarantine, write:<table>"
                      + " (tables are written side by side, so these overlap), manifest"),
              column(
                  "oldest_input_age_ms",
                  COUNT,
                  "how long the oldest input had waited when the batch committed: from a file's"
                      + " or object's modification time, or a Kafka record's timestamp, to"
                      + " ended_at; null when the source gives no times"),
              column(
                  "inputs_waiting",
                  COUNT,
                  "inputs known to wait once the batch committed: files the folder source listed"
                      + " and left for later batches, or Kafka records between the batch's end"
                      + " offsets and the partitions' ends; null for SQS, and when Kafka did not"
                      + " answer")),
          List.of());

  private BatchLogTable() {}

  private static ColumnDef column(String name, DataType type, String comment) {
    return derived(name, type, comment, "", col(name));
  }
}
