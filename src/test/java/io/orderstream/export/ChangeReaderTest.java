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
 * The change feed reduced to the last change per key, on a real Delta table with the seller table's
 * columns: updates and inserts upserted, deletes deleted, a rewrite in one commit kept, and a range
 * without a feed reloaded whole.
 */
@SparkTest
class ChangeReaderTest {
  private static final ExportedTable SELLER = ExportedTable.of(new SellerTable().definition());

  @TempDir Path dir;

  @Test
  void changesBetweenVersionsAreTheLastChangePerKey() {
    String path = create(true); // v0
    append(path, seller("a", "A1"), seller("b", "B1"), seller("d", "D1")); // v1
    spark().sql("UPDATE delta.`" + path + "` SET name = 'A2' WHERE id = 'a'"); // v2
    spark().sql("DELETE FROM delta.`" + path + "` WHERE id = 'b'"); // v3
    append(path, seller("c", "C1")); // v4
    spark().sql("UPDATE delta.`" + path + "` SET name = 'A3' WHERE id = 'a'"); // v5

    TableChanges changes = reader().changes(SELLER, Optional.of(1L), 5);

    assertThat(changes.reload()).isFalse();
    assertThat(names(changes.upserts().collectAsList())).containsExactlyInAnyOrder("a=A3", "c=C1");
    assertThat(changes.deletes().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("b");
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
    assertThat(names(beforeOldest.upserts().collectAsList()))
        .containsExactlyInAnyOrder("a=A1", "b=B1", "c=C1");
    assertThat(atOldest.reload()).isFalse();
    assertThat(names(atOldest.upserts().collectAsList())).containsExactly("c=C1");
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

    assertThat(names(changes.upserts().collectAsList())).containsExactly("a=A2");
    assertThat(changes.deletes().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("b");
  }

  @Test
  void rangeWrittenBeforeTheFeedWasOnIsReloadedWhole() {
    String path = create(false); // v0
    append(path, seller("a", "A1")); // v1
    spark()
        .sql(
            "ALTER TABLE delta.`"
                + path
                + "` SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')"); // v2
    append(path, seller("b", "B1")); // v3

    TableChanges fromBefore = reader().changes(SELLER, Optional.of(0L), 3);
    TableChanges fromAfter = reader().changes(SELLER, Optional.of(2L), 3);

    assertThat(fromBefore.reload()).isTrue();
    assertThat(names(fromBefore.upserts().collectAsList()))
        .containsExactlyInAnyOrder("a=A1", "b=B1");
    assertThat(fromAfter.reload()).isFalse();
    assertThat(names(fromAfter.upserts().collectAsList())).containsExactly("b=B1");
  }

  @Test
  void databaseNewerThanTheManifestIsReloaded() {
    String path = create(true);
    append(path, seller("a", "A1"));

    TableChanges changes = reader().changes(SELLER, Optional.of(7L), 1);

    assertThat(changes.reload()).isTrue();
    assertThat(names(changes.upserts().collectAsList())).containsExactly("a=A1");
  }

  private ChangeReader reader() {
    return reader(Map.of());
  }

  private ChangeReader reader(Map<String, Long> oldestKept) {
    return new ChangeReader(spark(), new TableLocations(dir.toString()), oldestKept);
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
    return rows.stream().map(r -> r.getAs("id") + "=" + r.getAs("name")).toList();
  }

  private static SparkSession spark() {
    return SparkTestSession.get();
  }
}
