package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.tables.DeltaTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's copy-on-write on a real dimension table: the MERGE's rule row by row, the batch's
 * transaction id shared with Spark's writes in both directions, the fallback for large tables, and
 * a file that a Spark DELETE left with a deletion vector.
 */
@SparkTest
class DriverWriteTest {
  private static final TableDef SELLER = Tables.byName("seller");
  private static final Timestamp AT = Timestamp.valueOf("2024-03-01 10:00:00");

  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();
  private String path;
  private DriverWrite driver;

  @BeforeEach
  void createTable() {
    TableLocations locations = new TableLocations(dir.toString());
    new TableCreator(spark, locations).createMissing(List.of(SELLER));
    path = locations.pathOf(SELLER.name());
    driver = driver(1 << 20);
  }

  @Test
  void upsertsAsTheMergeDoesAndSkipsABatchEitherPathAlreadyCommitted() throws IOException {
    BatchTransaction first = new BatchTransaction("app", 0);
    assertThat(write(driver, first, seller("A", "a", 1, true), seller("B", null, 1, false)))
        .contains(new MergeMetrics(2, 0, 0));

    // B gets its attributes; an older event for A loses; C is new.
    BatchTransaction second = new BatchTransaction("app", 1);
    assertThat(
            write(
                driver,
                second,
                seller("A", "older", 0, true),
                seller("B", "b", 1, true),
                seller("C", "c", 1, true)))
        .contains(new MergeMetrics(1, 1, 0));
    assertThat(names()).isEqualTo(Map.of("A", "a", "B", "b", "C", "c"));
    long version = version();

    assertThat(write(driver, second, seller("D", "d", 1, true)))
        .as("the same batch again, through the driver")
        .contains(MergeMetrics.NONE);
    MergeMetrics merged =
        new DimensionWriter()
            .apply(SELLER, prepared(seller("D", "d", 1, true)), path, second, spark, driver(0));
    assertThat(merged)
        .as("the same batch again, through Spark's MERGE")
        .isEqualTo(MergeMetrics.NONE);
    assertThat(version()).as("no commit for a batch already written").isEqualTo(version);

    BatchTransaction third = new BatchTransaction("app", 2);
    new DimensionWriter()
        .apply(SELLER, prepared(seller("E", "e", 1, true)), path, third, spark, driver(0));
    assertThat(write(driver, third, seller("F", "f", 1, true)))
        .as("a batch Spark's MERGE committed, through the driver")
        .contains(MergeMetrics.NONE);
    assertThat(names()).isEqualTo(Map.of("A", "a", "B", "b", "C", "c", "E", "e"));
  }

  @Test
  void aLaterBatchOpensOnlyTheFilesWrittenSinceAndSeesADeleteMadeMeanwhile() {
    write(
        driver,
        new BatchTransaction("app", 0),
        seller("A", "a", 1, true),
        seller("Z", "z", 1, true));
    write(driver, new BatchTransaction("app", 1), seller("B", "b", 1, true));
    long opened = driver.probedFilesOpened();

    write(driver, new BatchTransaction("app", 2), seller("C", "c", 1, true));
    assertThat(driver.probedFilesOpened() - opened)
        .as("only the file batch 1 wrote; batch 0's was kept")
        .isOne();

    // A deletion vector on A and Z's file: the rows kept for it no longer describe it.
    DeltaTable.forPath(spark, path).delete("id = 'A'");
    opened = driver.probedFilesOpened();
    assertThat(write(driver, new BatchTransaction("app", 3), seller("A", "a2", 2, true)))
        .as("A is new again, not an update of the deleted row")
        .contains(new MergeMetrics(1, 0, 0));
    assertThat(driver.probedFilesOpened() - opened)
        .as("batch 2's file, and A and Z's file with its new vector")
        .isEqualTo(2);
    assertThat(names()).isEqualTo(Map.of("A", "a2", "B", "b", "C", "c", "Z", "z"));
  }

  @Test
  void aDimensionsFilesAreReadBeyondTheirKeysOnlyWhenTheyHoldOneOfTheBatch() {
    write(driver, new BatchTransaction("app", 0), seller("A", "a", 1, true));
    write(driver, new BatchTransaction("app", 1), seller("B", "b", 1, true));

    DriverWrite cold = driver(1 << 20);
    assertThat(write(cold, new BatchTransaction("app", 2), seller("C", "c", 1, true)))
        .contains(new MergeMetrics(1, 0, 0));
    assertThat(cold.probedFilesOpened()).as("the two files' keys, nothing more").isEqualTo(2);

    DriverWrite another = driver(1 << 20);
    assertThat(write(another, new BatchTransaction("app", 3), seller("A", "a2", 2, true)))
        .contains(new MergeMetrics(0, 1, 0));
    assertThat(another.probedFilesOpened())
        .as("three files' keys, and A's file for the columns that rank A's stored row")
        .isEqualTo(4);
    assertThat(names()).isEqualTo(Map.of("A", "a2", "B", "b", "C", "c"));
  }

  @Test
  void standsAsideWhenTheFilesToReadExceedItsLimit() {
    write(driver, new BatchTransaction("app", 0), seller("A", "a", 1, true));
    long version = version();

    DriverWrite small = driver(1);
    assertThat(write(small, new BatchTransaction("app", 1), seller("A", "b", 2, true))).isEmpty();
    assertThat(version()).as("nothing committed").isEqualTo(version);
  }

  @Test
  void rewritesAFileWithADeletionVectorKeepingOnlyItsLiveRows() throws IOException {
    write(
        driver,
        new BatchTransaction("app", 0),
        seller("A", "a", 1, true),
        seller("B", "b", 1, true),
        seller("C", "c", 1, true));
    DeltaTable.forPath(spark, path).delete("id = 'B'");
    assertThat(logLines("\"add\"")).as("the DELETE's deletion vector").anyMatch(this::hasVector);

    assertThat(write(driver, new BatchTransaction("app", 1), seller("A", "a2", 2, true)))
        .contains(new MergeMetrics(0, 1, 0));

    assertThat(names()).isEqualTo(Map.of("A", "a2", "C", "c"));
    assertThat(logLines("\"remove\""))
        .as("the driver's remove names the file with its deletion vector")
        .anyMatch(this::hasVector);
  }

  // ---------------------------------------------------------------- helpers

  /** A driver path that reads at most {@code maxReadBytes}; 0 leaves every write to MERGE. */
  private DriverWrite driver(long maxReadBytes) {
    return new DriverWrite(
        DefaultEngine.create(spark.sessionState().newHadoopConf()), maxReadBytes);
  }

  private Optional<MergeMetrics> write(DriverWrite writer, BatchTransaction txn, Row... rows) {
    return writer.apply(SELLER, path, txn, DimensionWriter.rule(SELLER, prepared(rows)));
  }

  private static PreparedMerge prepared(Row... rows) {
    return new PreparedMerge(SELLER.name(), List.of(rows), SELLER.schema());
  }

  private static Row seller(String id, String name, long version, boolean complete) {
    return new GenericRowWithSchema(
        new Object[] {id, name, AT, 0, version, "hash-" + id + version, 0L, complete},
        SELLER.schema());
  }

  private Map<String, String> names() {
    Map<String, String> names = new TreeMap<>();
    spark
        .read()
        .format("delta")
        .load(path)
        .collectAsList()
        .forEach(row -> names.put(row.getAs("id"), row.getAs("name")));
    return names;
  }

  private long version() {
    return DeltaTable.forPath(spark, path).history(1).head().getLong(0);
  }

  private List<String> logLines(String action) throws IOException {
    try (Stream<Path> commits = Files.list(Path.of(path, "_delta_log"))) {
      return commits
          .filter(p -> p.toString().endsWith(".json"))
          .flatMap(
              p -> {
                try {
                  return Files.readAllLines(p).stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .filter(line -> line.startsWith("{" + action))
          .toList();
    }
  }

  private boolean hasVector(String actionLine) {
    return actionLine.contains("\"deletionVector\":{");
  }
}
