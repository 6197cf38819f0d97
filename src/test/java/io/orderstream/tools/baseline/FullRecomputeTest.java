package io.orderstream.tools.baseline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.not;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.Tables;
import io.orderstream.sink.TableCreator;
import io.orderstream.sink.TableLocations;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import io.orderstream.tools.generate.EventWriter;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's baseline must compute the same tables as the pipeline, or comparing them means
 * nothing.
 */
@SparkTest
class FullRecomputeTest {

  @Test
  void recomputingEverythingGivesTheTablesThePipelineMaintains(@TempDir Path root) {
    SparkSession spark = PipelineHarness.spark();
    PipelineHarness pipeline = new PipelineHarness(root.resolve("pipeline"));
    EventWriter.write(
        SampleGenerator.generate(GeneratorSpec.of(12, 31L).withDuplicates(0.1).withLate(0.2)),
        pipeline.input());
    // One batch: the tables do not depend on batching (LifecyclePipelineTest), and each batch costs
    // seconds.
    pipeline.runOnce();

    PipelineHarness recomputed = new PipelineHarness(root.resolve("baseline"));
    TableLocations locations = new TableLocations(recomputed.tables().toString());
    new TableCreator(spark, locations).createMissing(Tables.all());
    FullRecompute baseline = new FullRecompute(spark, root.resolve("store").toString(), locations);
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .load(pipeline.input().toString())
            .select(col("path").as("source"), col("content"));
    Column earlier = hash(col("source")).mod(2).equalTo(0);
    baseline.store(files.where(earlier));
    baseline.batch(files.where(not(earlier)), 1);

    // The original design kept no event log and no histories: every other table must be equal.
    Map<String, List<String>> expected = new java.util.TreeMap<>(pipeline.snapshot());
    Tables.HISTORY.forEach(t -> expected.remove(t.name()));
    Map<String, List<String>> actual = new java.util.TreeMap<>(recomputed.snapshot());
    Tables.HISTORY.forEach(t -> actual.remove(t.name()));
    assertThat(actual).isEqualTo(expected);
    assertThat(recomputed.table("order_item").count()).isPositive();
  }
}
