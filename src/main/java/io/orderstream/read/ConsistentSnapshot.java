package io.orderstream.read;

import io.orderstream.error.Errors;
import io.orderstream.sink.BatchManifest;
import io.orderstream.sink.ManifestLog;
import io.orderstream.sink.TableLocations;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * All tables as of the newest batch that committed to every one of them, for readers that must see
 * foreign keys resolve while the pipeline keeps writing.
 *
 * <p>Each table on its own is always consistent (Delta commits are atomic), but a batch commits the
 * tables one after another, so reading the live tables one by one can pair a fact row with a
 * dimension or bridge state from another batch. A snapshot pins every table to the version named by
 * the newest {@link BatchManifest} and reads it with Delta time travel ({@code versionAsOf}). A
 * snapshot stays valid as long as Delta keeps those versions readable: the log for 30 days ({@code
 * delta.logRetentionDuration}), the data files until a {@code VACUUM} removes them (7 days after
 * they were replaced, by default).
 *
 * <pre>{@code
 * ConsistentSnapshot snapshot = ConsistentSnapshot.latest(spark, "/data/warehouse");
 * Dataset<Row> lines = snapshot.table("order_item");
 * snapshot.registerViews(); // then: spark.sql("SELECT ... FROM order_item JOIN item USING (item_id)")
 * }</pre>
 */
public final class ConsistentSnapshot {
  private final SparkSession spark;
  private final TableLocations locations;
  private final BatchManifest manifest;

  private ConsistentSnapshot(SparkSession spark, TableLocations locations, BatchManifest manifest) {
    this.spark = spark;
    this.locations = locations;
    this.manifest = manifest;
  }

  /**
   * The newest consistent state of the tables under {@code tablesLocation}.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 2) when the location holds no manifest
   *     (not a tables location, or the pipeline has not created the tables yet)
   */
  public static ConsistentSnapshot latest(SparkSession spark, String tablesLocation) {
    TableLocations locations = new TableLocations(tablesLocation);
    return new ConsistentSnapshot(
        spark,
        locations,
        newestManifest("tablesLocation", locations, spark.sessionState().newHadoopConf()));
  }

  /** The state a given manifest of the tables under {@code tablesLocation} describes. */
  public static ConsistentSnapshot at(
      SparkSession spark, String tablesLocation, BatchManifest manifest) {
    return new ConsistentSnapshot(spark, new TableLocations(tablesLocation), manifest);
  }

  /**
   * The newest manifest under the tables location, read without Spark (the CLI uses this).
   *
   * @param key how the caller named the location, for the error message
   */
  public static BatchManifest newestManifest(
      String key, TableLocations locations, Configuration hadoop) {
    ManifestLog log = new ManifestLog(locations, hadoop);
    try {
      Path root = new Path(locations.root());
      if (!root.getFileSystem(hadoop).exists(root)) {
        throw Errors.noConsistentSnapshot(key, locations.root(), "it does not exist");
      }
      return log.latest()
          .orElseThrow(
              () ->
                  Errors.noConsistentSnapshot(
                      key,
                      locations.root(),
                      "it has no manifest in "
                          + ManifestLog.FOLDER
                          + "; run the pipeline on it first"));
    } catch (IOException e) {
      throw Errors.noConsistentSnapshot(key, locations.root(), e.getMessage());
    }
  }

  /**
   * The batch whose commit produced this state ({@link BatchManifest#CREATED} for empty new
   * tables).
   */
  public long batchId() {
    return manifest.batchId();
  }

  /** The pinned Delta version of every table. */
  public Map<String, Long> versions() {
    return new TreeMap<>(manifest.versions());
  }

  public BatchManifest manifest() {
    return manifest;
  }

  /** One table at its pinned version. */
  public Dataset<Row> table(String name) {
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", version(name))
        .load(locations.pathOf(name));
  }

  /** Registers every table as a temporary view named after it, each at its pinned version. */
  public void registerViews() {
    manifest.versions().keySet().forEach(name -> table(name).createOrReplaceTempView(name));
  }

  /** What to write after FROM in SQL to read one table at its pinned version. */
  public String sqlSource(String name) {
    return sqlSource(locations, name, version(name));
  }

  /** {@code delta.`<path>` VERSION AS OF <version>}. */
  public static String sqlSource(TableLocations locations, String name, long version) {
    return "delta.`" + locations.pathOf(name) + "` VERSION AS OF " + version;
  }

  private long version(String name) {
    Long version = manifest.versions().get(name);
    if (version == null) {
      throw new IllegalArgumentException(
          "no table "
              + name
              + " in the snapshot of batch "
              + manifest.batchId()
              + "; tables: "
              + new TreeMap<>(manifest.versions()).keySet());
    }
    return version;
  }
}
