package io.orderstream.sink;

import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import scala.Option;

/**
 * Records a {@link BatchManifest} once the tables hold a consistent state: after a batch committed
 * to every table it writes, and after the tables were created empty.
 *
 * <p>The versions are read from each table's Delta log after the batch, so a table the batch did
 * not write (nothing changed, or a replay skipped it) is recorded at its current version too. The
 * pipeline is the only writer, and compaction runs only after the manifest is written, so the
 * versions read are exactly the batch's state.
 */
public final class ManifestRecorder {
  private final TableLocations locations;

  public ManifestRecorder(TableLocations locations) {
    this.locations = locations;
  }

  /** Records the state every table reached with batch {@code batchId}. */
  public BatchManifest afterBatch(SparkSession spark, String appId, long batchId) {
    BatchManifest manifest = new BatchManifest(batchId, appId, Instant.now(), versions(spark));
    write(spark, manifest);
    return manifest;
  }

  /**
   * Records the empty tables as the first consistent state, when no manifest exists and no table
   * was ever written (every table at version 0). Tables written by a release without manifests may
   * hold half a batch, so they get their first manifest from the next committed batch instead.
   */
  public void afterCreate(SparkSession spark, String appId) {
    ManifestLog log = log(spark);
    try {
      if (log.latest().isPresent()) {
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Long> versions = versions(spark);
    if (versions.values().stream().allMatch(v -> v == 0)) {
      write(spark, new BatchManifest(BatchManifest.CREATED, appId, Instant.now(), versions));
    }
  }

  /** The current Delta version of every table, from its log (no Spark job). */
  public Map<String, Long> versions(SparkSession spark) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef table : Tables.all()) {
      long version =
          DeltaLog.forTable(spark, locations.pathOf(table.name()))
              .update(false, Option.empty(), Option.empty())
              .version();
      versions.put(table.name(), version);
    }
    return versions;
  }

  private void write(SparkSession spark, BatchManifest manifest) {
    try {
      log(spark).write(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the batch manifest under " + locations.root() + ": " + e.getMessage(), e);
    }
  }

  private ManifestLog log(SparkSession spark) {
    return new ManifestLog(locations, spark.sessionState().newHadoopConf());
  }
}
