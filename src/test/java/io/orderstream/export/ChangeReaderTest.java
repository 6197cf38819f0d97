package io.orderstream.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.model.SellerTable;
import io.orderstream.sink.TableLocations;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The changes between two versions found from the files, on a real Delta table with the seller
 * table's columns: updates and inserts upserted, deletes deleted, a rewrite in one commit kept,
 * rows a rewrite left as they were not exported again, deletion vectors honoured, and the cases
 * that need the whole table reloaded.
 */
@SparkTest
class ChangeReaderTest {
  private static final ExportedTable SELLER = ExportedTable.of(new SellerTable().definition());

  private static final org.apache.spark.sql.types.StructType SELLER_NAME_ONLY =
      new org.apache.spark.sql.types.StructType()
          .add("id", org.apache.spark.sql.types.DataTypes.StringType)
          .add("name", org.apache.spark.sql.types.DataTypes.StringType);

  @TempDir Path dir;

  @Test
  void changesBetweenVersionsAreFoundWithoutSpark() {
    String path = create(true); // v0
    append(path, seller("a", "A1"), seller("b", "B1"), seller("d", "D1")); // v1
    spark().sql("UPDATE delta.`" + path + "` SET name = 'A2' WHERE id = 'a'"); // v2
    spark().sql("DELETE FROM delta.`" + path + "` WHERE id = 'b'"); // v3
    append(path, seller("c", "C1")); // v4
    spark().sql("UPDATE delta.`" + path + "` SET name = 'A3' WHERE id = 'a'"); // v5

    // an incremental step must not need Spark: the reader gets a session it may not ask for
    TableChanges changes =
        new ChangeReader(
                () -> {
                  throw new AssertionError("an incremental step asked for a Spark session");
                },
                new TableLocations(dir.toString()),
                spark().sparkContext().hadoopConfiguration(),
                Map.of())
            .changes(SELLER, Optional.of(1L), 5);

    assertThat(changes.reload()).isFalse();
    assertThat(names(list(changes.upserts()))).containsExactlyInAnyOrder("a=A3", "c=C1");
    assertThat(list(changes.deletes())).extracting(r -> r.getString(0)).containsExactly("b");
  }

  @Test
  void versionOlderThanTheOldestKeptManifestIsReloadedWhole() {
    String path = create(true); // v0
    append(path, seller("a", "A1")); // v1
    append(path, seller("b", "B1")); // v2
    append(path, seller("c", "C1")); // v3

    TableChanges beforeOldest =
        reader(Map.of(SELLER.name(), 2L)).changes(SELLER, Optional.of(1L), 3);
    TableChanges atOldest = reader(Map.of(SELLER.name(), 2L)).changes(SELLER, Optional.of(2L), 3);

    assertThat(beforeOldest.reload()).isTrue();
    assertThat(names(list(beforeOldest.upserts())))
        .containsExactlyInAnyOrder("a=A1", "b=B1", "c=C1");
    assertThat(atOldest.reload()).isFalse();
    assertThat(names(list(atOldest.upserts()))).containsExactly("c=C1");
  }

  @Test
  void keyDeletedAndWrittenAgainInOneCommitIsUpserted() {
    String path = create(true); // v0
    append(path, seller("a", "A1"), seller("b", "B1")); // v1
    spark()
        .createDataFrame(List.of(seller("a", "A2")), SELLER.definition().schema())
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(path); // v2: delete a, b; insert a

    TableChanges changes = reader().changes(SELLER, Optional.of(1L), 2);

    assertThat(names(list(changes.upserts()))).containsExactly("a=A2");
    assertThat(list(changes.deletes())).extracting(r -> r.getString(0)).containsExactly("b");
  }

  @Test
  void tableWithoutAChangeFeedIsReadFromItsFiles() {
    String path = create(false); // v0
    append(path, seller("a", "A1"), seller("b", "B1")); // v1
    spark().sql("UPDATE delta.`" + path + "` SET name = 'B2' WHERE id = 'b'"); // v2

    TableChanges changes = reader().changes(SELLER, Optional.of(0L), 2);

    assertThat(changes.reload()).isFalse();
    assertThat(names(list(changes.upserts()))).containsExactlyInAnyOrder("a=A1", "b=B2");
  }

  @Test
  void rowsMarkedDeletedByDeletionVectorsAreChangesAndTheOthersAreNot() {
    String path = create(false); // v0
    spark()
        .sql(
            "ALTER TABLE delta.`"
                + path
                + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')"); // v1
    append(path, seller("a", "A1"), seller("b", "B1"), seller("c", "C1")); // v2
    spark().sql("DELETE FROM delta.`" + path + "` WHERE id = 'b'"); // v3
    spark().sql("UPDATE delta.`" + path + "` SET name = 'C2' WHERE id = 'c'"); // v4

    TableChanges changes = reader().changes(SELLER, Optional.of(2L), 4);

    assertThat(deletionVectorsIn(path)).isPositive();
    assertThat(changes.reload()).isFalse();
    assertThat(names(list(changes.upserts()))).containsExactly("c=C2");
    assertThat(list(changes.deletes())).extracting(r -> r.getString(0)).containsExactly("b");
  }

  @Test
  void compactionThatChangesNoRowExportsNothing() {
    String path = create(true); // v0
    append(path, seller("a", "A1")); // v1
    append(path, seller("b", "B1")); // v2
    spark().sql("OPTIMIZE delta.`" + path + "`"); // v3: two files become one

    TableChanges changes = reader().changes(SELLER, Optional.of(2L), 3);

    assertThat(history(path)).first().isEqualTo("OPTIMIZE");
    assertThat(changes.reload()).isFalse();
    assertThat(list(changes.upserts())).isEmpty();
    assertThat(list(changes.deletes())).isEmpty();
  }

  @Test
  void olderVersionWithoutAnExportedColumnIsReloadedWhole() {
    String path = dir.resolve(SELLER.name()).toString();
    spark()
        .createDataFrame(List.of(RowFactory.create("a", "A1")), SELLER_NAME_ONLY)
        .write()
        .format("delta")
        .save(path); // v0: before the lineage columns
    spark()
        .sql(
            "ALTER TABLE delta.`"
                + path
                + "` ADD COLUMNS (lineage_updated_at TIMESTAMP, lineage_updated_at_nanos INT,"
                + " lineage_version BIGINT, lineage_event_hash STRING, lineage_batch_id BIGINT,"
                + " lineage_complete BOOLEAN)"); // v1
    append(path, seller("b", "B1")); // v2

    TableChanges changes = reader().changes(SELLER, Optional.of(0L), 2);

    assertThat(changes.reload()).isTrue();
    assertThat(names(list(changes.upserts()))).containsExactlyInAnyOrder("a=A1", "b=B1");
  }

  @Test
  void databaseNewerThanTheManifestIsReloaded() {
    String path = create(true);
    append(path, seller("a", "A1"));

    TableChanges changes = reader().changes(SELLER, Optional.of(7L), 1);

    assertThat(changes.reload()).isTrue();
    assertThat(names(list(changes.upserts()))).containsExactly("a=A1");
  }

  private ChangeReader reader() {
    return reader(Map.of());
  }

  private ChangeReader reader(Map<String, Long> oldestKept) {
    return new ChangeReader(
        ChangeReaderTest::spark,
        new TableLocations(dir.toString()),
        spark().sparkContext().hadoopConfiguration(),
        oldestKept);
  }

  private static List<Row> list(TableChanges.Rows rows) {
    List<Row> list = new java.util.ArrayList<>();
    rows.open().forEachRemaining(list::add);
    return list;
  }

  /** Add actions in the table's log that carry a deletion vector, to show the test made some. */
  private static long deletionVectorsIn(String path) {
    try (java.util.stream.Stream<Path> commits =
        java.nio.file.Files.list(Path.of(path, "_delta_log"))) {
      long count = 0;
      for (Path commit : commits.filter(p -> p.toString().endsWith(".json")).toList()) {
        count +=
            java.nio.file.Files.readAllLines(commit).stream()
                .filter(
                    line -> line.startsWith("{\"add\"") && line.contains("\"deletionVector\":{"))
                .count();
      }
      return count;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The operations of the table's commits, newest first. */
  private static List<String> history(String path) {
    return spark()
        .sql("DESCRIBE HISTORY delta.`" + path + "`")
        .select("operation")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }

  private String create(boolean changeFeed) {
    String path = dir.resolve(SELLER.name()).toString();
    io.delta.tables.DeltaTable.create(spark())
        .location(path)
        .addColumns(SELLER.definition().schema())
        .property("delta.enableChangeDataFeed", Boolean.toString(changeFeed))
        .execute();
    return path;
  }

  private static void append(String path, Row... rows) {
    spark()
        .createDataFrame(List.of(rows), SELLER.definition().schema())
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(path);
  }

  /** A seller row: id, name, then the lineage columns. */
  private static Row seller(String id, String name) {
    return RowFactory.create(
        id, name, Timestamp.valueOf("2024-01-01 00:00:00"), 0, 1L, "hash", 0L, true);
  }

  private static List<String> names(List<Row> rows) {
    // by position: the exported columns start with id and name
    return rows.stream().map(r -> r.getString(0) + "=" + r.getString(1)).toList();
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }
}
