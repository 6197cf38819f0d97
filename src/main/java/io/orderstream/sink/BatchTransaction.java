package io.orderstream.sink;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Makes each table write of a micro-batch idempotent: Delta records (app id, batch id) in the
 * table's log with the commit and skips a later write carrying the same pair. A batch replayed
 * after a crash therefore changes none of the tables it already wrote.
 *
 * <p>The app id identifies the checkpoint, so a new checkpoint starts a new sequence.
 */
public record BatchTransaction(String appId, long batchId) {
  static final String APP_ID_CONF = "spark.databricks.delta.write.txnAppId";
  static final String VERSION_CONF = "spark.databricks.delta.write.txnVersion";

  /** Runs a MERGE, an append or other DML under this batch's transaction identity. */
  public <T> T run(SparkSession spark, Supplier<T> write) {
    spark.conf().set(APP_ID_CONF, appId);
    spark.conf().set(VERSION_CONF, Long.toString(batchId));
    try {
      return write.get();
    } finally {
      spark.conf().unset(APP_ID_CONF);
      spark.conf().unset(VERSION_CONF);
    }
  }
}
