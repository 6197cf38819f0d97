package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableKind;
import io.orderstream.model.Tables;
import io.orderstream.ops.TableComparison;
import io.orderstream.sink.DriverWrite;
import io.orderstream.testing.LifecycleReference;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two write paths, Spark's MERGE and the driver's copy-on-write with Delta Kernel, leave the
 * same tables: the lifecycle fixture (late events, a dropped line, a dropped shipment, references
 * before complete rows) arrives in four runs that alternate the paths, each run reading what the
 * other wrote, and the tables must equal the reference run's, which took every file in one batch.
 */
@SparkTest
class WritePathsPipelineTest {
  private static final int RUNS = 4;

  @Test
  void runsAlternatingSparkMergeAndDriverWritesEndWithTheReferenceTables(@TempDir Path dir) {
    List<String> names = PipelineHarness.fixtureNames(LifecycleReference.FIXTURE);
    PipelineHarness pipeline = new PipelineHarness(dir);
    SparkSession spark = PipelineHarness.spark();
    int perRun = (names.size() + RUNS - 1) / RUNS;
    for (int run = 0; run < RUNS; run++) {
      pipeline.add(
          LifecycleReference.FIXTURE,
          names.subList(run * perRun, Math.min(names.size(), (run + 1) * perRun)));
      boolean merge = run % 2 == 0;
      if (merge) {
        spark.conf().set(DriverWrite.MAX_READ_BYTES_CONF, "0");
      }
      try {
        assertThat(pipeline.runOnce().batches()).as("batches of run %d", run).isEqualTo(1);
      } finally {
        spark.conf().unset(DriverWrite.MAX_READ_BYTES_CONF);
      }
    }

    // Each kind of write (dimension upsert, order rows, winning events) went through both paths.
    Set<TableKind> bothPaths = EnumSet.noneOf(TableKind.class);
    for (TableDef table : Tables.all()) {
      if (operations(pipeline, table).containsAll(List.of("MERGE", "MANUAL UPDATE"))) {
        bothPaths.add(table.kind());
      }
    }
    assertThat(bothPaths)
        .as("kinds of table that both paths wrote")
        .contains(TableKind.DIMENSION, TableKind.ORDER_SCOPED, TableKind.LATEST_EVENT);
    assertThat(
            PipelineHarness.failed(
                new TableComparison(
                        spark, pipeline.tablesLocation(), LifecycleReference.tables().toString())
                    .compare()))
        .as("tables that differ from the one-batch reference")
        .isEmpty();
    pipeline.assertKeysAndForeignKeys();
  }

  private static Set<String> operations(PipelineHarness pipeline, TableDef table) {
    Set<String> operations = new HashSet<>();
    DeltaTable.forPath(PipelineHarness.spark(), pipeline.tablesLocation() + "/" + table.name())
        .history()
        .select("operation")
        .collectAsList()
        .forEach(row -> operations.add(row.getString(0).toUpperCase(java.util.Locale.ROOT)));
    return operations;
  }
}
