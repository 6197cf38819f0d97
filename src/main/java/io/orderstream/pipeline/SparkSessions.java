package io.orderstream.pipeline;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Secrets;
import io.orderstream.store.localfs.ForklessLocalFileSystem;
import io.orderstream.store.localfs.ForklessLocalFs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session: Delta enabled, UTC, and defaults tuned for many small event files and
 * small frequent MERGEs. Any {@code spark.*} setting the user passes overrides these defaults,
 * whether given to orderstream or to spark-submit.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Defaults; each one's reason is beside it. */
  public static Map<String, String> defaults(String master) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    // Event instants are UTC; never let the machine's zone leak into TIMESTAMP values.
    conf.put("spark.sql.session.timeZone", "UTC");
    // Spark masks these keys' values in its UI, event logs and plans (the Kafka source's options
    // among them): the same keys orderstream masks in its own logs.
    conf.put("spark.redaction.regex", Secrets.KEY_REGEX);
    // Batches are small: a few shuffle partitions instead of 200 empty tasks per stage.
    conf.put("spark.sql.shuffle.partitions", "4");
    // Event files are a few KB: the default 4 MB open cost packs too few files per task.
    conf.put("spark.sql.files.openCostInBytes", "16384");
    // A streaming batch names its files; above this threshold Spark lists them with a job of one
    // task per file.
    conf.put("spark.sql.sources.parallelPartitionDiscovery.threshold", "1000000");
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    // MERGE sources are small local relations, deterministic by construction: copying them to the
    // block manager first (Delta's "auto" guard against sources that change while read) is one
    // Spark job per MERGE for nothing.
    conf.put("spark.databricks.delta.merge.materializeSource", "none");
    // Compaction (see sink.Compaction) merges files under 16 MB into files of up to 128 MB. Delta's
    // 1 GB defaults would rewrite a whole table of this size every time it is compacted.
    conf.put("spark.databricks.delta.optimize.minFileSize", Long.toString(16L << 20));
    conf.put("spark.databricks.delta.optimize.maxFileSize", Long.toString(128L << 20));
    // Adaptive re-planning pays off on large shuffles; here it only adds planning work to tiny
    // ones.
    conf.put("spark.sql.adaptive.enabled", "false");
    // The event struct has ~100 nested fields: generating and compiling Java code for every plan
    // that touches it cost more than interpreting it for micro-batch sizes (measured: a 2-order
    // batch 25 s -> 17 s). Revisit with the benchmark for large backlog batches.
    conf.put("spark.sql.codegen.wholeStage", "false");
    conf.put("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    // Hadoop's local file system forks a chmod process for every file it creates when its native
    // library is missing, as it is from Maven: about 120 per small batch. These set the same modes
    // through java.nio; local paths only, object stores are untouched.
    conf.put("spark.hadoop.fs.file.impl", ForklessLocalFileSystem.class.getName());
    conf.put("spark.hadoop.fs.AbstractFileSystem.file.impl", ForklessLocalFs.class.getName());
    if (master.startsWith("local")) {
      conf.put("spark.ui.enabled", "false");
      conf.put(
          "spark.sql.warehouse.dir",
          System.getProperty("java.io.tmpdir") + "/orderstream-warehouse");
    }
    return conf;
  }

  public static SparkSession create(RunConfig config) {
    return create("orderstream", config.sparkMaster(), config.sparkConf());
  }

  /**
   * A session named {@code appName} on {@code master}: the defaults, overridden by {@code conf}.
   */
  public static SparkSession create(String appName, String master, Map<String, String> conf) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName).master(master);
    // spark-submit hands its --conf values (and spark-defaults.conf) over as system properties,
    // which a new SparkConf reads; a builder option would beat them, so a default steps aside.
    SparkConf launcher = new SparkConf();
    defaults(master)
        .forEach(
            (key, value) -> {
              if (!launcher.contains(key)) {
                builder.config(key, value);
              }
            });
    conf.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
