package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.tables.DeltaTable;
import io.orderstream.model.ColumnDef;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderItemTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.store.DriverScan;
import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta keeps statistics on every column of every table, so a batch's span skips the files outside
 * it in {@code order_item} too, whose lineage instant is its 33rd column.
 */
@SparkTest
class SkippingStatisticsTest {
  private static final TableDef ORDER_ITEM = Tables.byName(OrderItemTable.NAME);

  @TempDir Path dir;
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void everyTableIsCreatedWithStatisticsOnEveryColumn() {
    TableLocations locations = new TableLocations(dir.toString());
    new TableCreator(spark, locations).createMissing(Tables.all());

    for (TableDef table : Tables.all()) {
      String indexed = properties(locations.pathOf(table.name())).get(SkippingStatistics.PROPERTY);
      int columns = indexed == null ? SkippingStatistics.DELTA_DEFAULT : Integer.parseInt(indexed);
      assertThat(columns).as(table.name()).isGreaterThanOrEqualTo(table.columns().size());
    }
    assertThat(ORDER_ITEM.columnNames().indexOf(Lineage.UPDATED_AT))
        .as("the case this exists for")
        .isGreaterThanOrEqualTo(SkippingStatistics.DELTA_DEFAULT);
  }

  @Test
  void theDriversListingOfOrderItemKeepsOnlyTheFilesInTheSpan() {
    TableLocations locations = new TableLocations(dir.toString());
    new TableCreator(spark, locations).createMissing(List.of(ORDER_ITEM));
    String path = locations.pathOf(ORDER_ITEM.name());
    for (String day : List.of("2024-01-10", "2024-03-10", "2024-06-10")) {
      appendOneFile(path, "order-" + day, Timestamp.valueOf(day + " 12:00:00"));
    }
    TouchedRange march =
        new TouchedRange(
            Timestamp.valueOf("2024-03-01 00:00:00"), Timestamp.valueOf("2024-03-31 00:00:00"));

    DriverScan.Files listed =
        new DriverScan(DefaultEngine.create(spark.sessionState().newHadoopConf()))
            .files(
                path,
                Optional.of(march.kernelFilter(Lineage.UPDATED_AT)),
                ORDER_ITEM.columns("order_id"));

    assertThat(listed.files()).hasSize(1);
    assertThat(
            spark
                .read()
                .format("delta")
                .load(path)
                .where(march.covers(Lineage.UPDATED_AT))
                .select("order_id")
                .distinct()
                .collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("order-2024-03-10");
  }

  @Test
  void aTableCreatedWithoutThePropertyGetsItAtTheNextStart() {
    TableLocations locations = new TableLocations(dir.toString());
    TableCreator creator = new TableCreator(spark, locations);
    creator.createMissing(List.of(ORDER_ITEM));
    String path = locations.pathOf(ORDER_ITEM.name());
    spark.sql(
        "ALTER TABLE delta.`"
            + path
            + "` UNSET TBLPROPERTIES ('"
            + SkippingStatistics.PROPERTY
            + "')");
    assertThat(properties(path)).doesNotContainKey(SkippingStatistics.PROPERTY);

    creator.createMissing(List.of(ORDER_ITEM));

    assertThat(properties(path))
        .containsEntry(SkippingStatistics.PROPERTY, Integer.toString(ORDER_ITEM.columns().size()));
  }

  /** One file of two order_item rows at {@code at}, every other column null. */
  private void appendOneFile(String path, String order, Timestamp at) {
    Column[] columns =
        ORDER_ITEM.columns().stream()
            .map(c -> value(c, order, at).cast(c.type()).as(c.name()))
            .toArray(Column[]::new);
    spark.range(2).select(columns).coalesce(1).write().format("delta").mode("append").save(path);
  }

  private static Column value(ColumnDef column, String order, Timestamp at) {
    return switch (column.name()) {
      case "id" -> org.apache.spark.sql.functions.concat(lit(order + ":"), col("id"));
      case "order_id" -> lit(order);
      case Lineage.UPDATED_AT -> lit(at);
      default -> lit(null);
    };
  }

  private Map<String, String> properties(String path) {
    Row detail = DeltaTable.forPath(spark, path).detail().first();
    return detail.getJavaMap(detail.fieldIndex("properties"));
  }
}
