package io.orderstream.testing;

import io.orderstream.pipeline.SparkSessions;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for the whole test JVM: starting Spark costs seconds, and test classes
 * run one after another in one fork. Settings are the pipeline's own defaults, on two cores, but
 * for the batch log ({@link #BATCH_LOG_CONF}).
 */
public final class SparkTestSession {
  /** The master and the shuffle partitions of every Spark the tests run, in or out of this JVM. */
  static final String MASTER = "local[2]";

  static final String SHUFFLE_PARTITIONS = "2";

  /**
   * The batch log's switch (the pipeline's {@code BatchLogRecorder.ENABLED_CONF}): off in the
   * shared session, since its Delta commit per batch added about two minutes to the suite; the
   * tests that read the log turn it on ({@link PipelineHarness#withBatchLog()}), and child
   * pipelines keep the product's default, on.
   */
  public static final String BATCH_LOG_CONF = "spark.orderstream.batchLog.enabled";

  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkSession.Builder builder =
          SparkSession.builder().appName("orderstream-test").master(MASTER);
      SparkSessions.defaults(MASTER).forEach(builder::config);
      builder.config("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS);
      builder.config(BATCH_LOG_CONF, "false");
      System.getProperties().stringPropertyNames().stream()
          .filter(k -> k.startsWith("spark."))
          .forEach(k -> builder.config(k, System.getProperty(k)));
      session = builder.getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }
}
