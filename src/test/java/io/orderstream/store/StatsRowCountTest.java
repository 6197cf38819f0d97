package io.orderstream.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.tables.DeltaTable;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row count from a table's log against Spark's count of its rows: over several files, after
 * deletes that leave deletion vectors and after deletes that rewrite files, and none when a file
 * has no statistics.
 */
@SparkTest
class StatsRowCountTest {
  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void countsLiveRowsOfEveryFileWithDeletionVectorsApplied() {
    String path = dir.resolve("dv").toString();
    spark.sql(
        "CREATE TABLE delta.`"
            + path
            + "` (id BIGINT) USING delta TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
    spark.range(0, 1000).repartition(3).write().format("delta").mode("append").save(path);
    spark.range(1000, 1500).write().format("delta").mode("append").save(path);
    DeltaTable.forPath(spark, path).delete(functions.col("id").mod(7).equalTo(0));

    assertThat(deletionVectorsIn(path)).as("the delete left deletion vectors").isPositive();
    assertThat(StatsRowCount.of(engine(), path)).hasValue(rowsBySpark(path)).hasValue(1500 - 215);
  }

  @Test
  void countsATableWhoseDeletesRewroteFiles() {
    String path = dir.resolve("rewrite").toString();
    spark.range(0, 300).repartition(2).write().format("delta").save(path);
    DeltaTable.forPath(spark, path).delete(functions.col("id").lt(100));

    assertThat(StatsRowCount.of(engine(), path)).hasValue(200);
  }

  @Test
  void givesNoCountWhenAFileHasNoStatistics() {
    String path = dir.resolve("nostats").toString();
    spark.range(0, 10).write().format("delta").save(path);
    spark.conf().set("spark.databricks.delta.stats.collect", "false");
    try {
      spark.range(10, 20).write().format("delta").mode("append").save(path);
    } finally {
      spark.conf().unset("spark.databricks.delta.stats.collect");
    }

    assertThat(StatsRowCount.of(engine(), path)).isEmpty();
  }

  private Engine engine() {
    return DefaultEngine.create(spark.sessionState().newHadoopConf());
  }

  private long rowsBySpark(String path) {
    // Reading the rows themselves, not Delta's metadata-only count from the same statistics.
    return spark.read().format("delta").load(path).where("id >= 0").collectAsList().size();
  }

  private long deletionVectorsIn(String path) {
    return spark
        .read()
        .json(path + "/_delta_log/*.json")
        .where("add.deletionVector IS NOT NULL")
        .count();
  }
}
