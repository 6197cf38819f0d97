package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.SparkTest;
import io.orderstream.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Keys are unique for any ids a sender can choose, and the usual ids keep readable keys. */
@SparkTest
class KeysTest {
  private static final StructType PARTS =
      new StructType()
          .add("a", DataTypes.StringType)
          .add("b", DataTypes.StringType)
          .add("n", DataTypes.IntegerType);

  /** (first id, second id, occurrence) triples that a bare ':' join would confuse, two by two. */
  private static final List<Row> HOSTILE =
      List.of(
          RowFactory.create("KC2:B", "C", 1),
          RowFactory.create("KC2", "B:C", 1),
          RowFactory.create("RX", "X", 2),
          RowFactory.create("RX", "X:2", 1),
          RowFactory.create("RX:X", "2", 1),
          RowFactory.create("A\\", ":B", 1),
          RowFactory.create("A", "\\:B", 1),
          RowFactory.create("A\\:", "B", 1),
          RowFactory.create("A\\", "\\:B", 1),
          RowFactory.create("A", "", 1),
          RowFactory.create("", "A", 1),
          RowFactory.create("A:", "", 1),
          RowFactory.create("A", ":", 1),
          RowFactory.create("A", "B", 12),
          RowFactory.create("A", "B:1", 2),
          RowFactory.create("A", "B", 1),
          RowFactory.create("A:B", "1", 2));

  @Test
  void orderItemKeysAreDistinctForIdsHoldingSeparatorsAndEscapes() {
    List<String> keys = keys(Keys.orderItemId(col("a"), col("b"), col("n")), HOSTILE);

    assertThat(keys).hasSameSizeAs(HOSTILE).doesNotHaveDuplicates();
  }

  @Test
  void orderPromotionKeysAreDistinctForIdsHoldingSeparatorsAndEscapes() {
    List<Row> pairs = HOSTILE.stream().filter(r -> r.getInt(2) == 1).toList();

    assertThat(keys(Keys.orderPromotionId(col("a"), col("b")), pairs))
        .hasSameSizeAs(pairs)
        .doesNotHaveDuplicates();
  }

  @Test
  void theUsualIdsKeepTheirPlainKeysAndSeparatorsAreEscaped() {
    List<Row> rows =
        List.of(
            RowFactory.create("ORD1", "SKU-9", 1),
            RowFactory.create("ORD1", "SKU-9", 2),
            RowFactory.create("KC2:B", "C", 1),
            RowFactory.create("A\\", "B", 1));

    assertThat(keys(Keys.orderItemId(col("a"), col("b"), col("n")), rows))
        .containsExactly("ORD1:SKU-9", "ORD1:SKU-9:2", "KC2\\:B:C", "A\\\\:B");
  }

  @Test
  void hashedKeysDistinguishAnySplitOfTheSameTextAndARepeatFromALiteralName() {
    List<String> shipments =
        keys(Keys.shipmentId(col("a"), col("b"), col("n")).cast("string"), HOSTILE);
    List<Row> inOneShipment =
        List.of(
            RowFactory.create("7", "X", 1),
            RowFactory.create("7", "X", 2),
            RowFactory.create("7", "X:2", 1),
            RowFactory.create("7", "X:", 2),
            RowFactory.create("7", "2", 1),
            RowFactory.create("8", "X", 1));
    List<String> itemShipments =
        keys(
            Keys.itemShipmentId(col("a").cast("long"), col("b"), col("n")).cast("string"),
            inOneShipment);

    assertThat(shipments).hasSameSizeAs(HOSTILE).doesNotHaveDuplicates();
    assertThat(itemShipments).hasSameSizeAs(inOneShipment).doesNotHaveDuplicates();
  }

  @Test
  void keysComputedOnTheDriverEqualSparksForTheSameParts() {
    List<Row> withUnicode = new java.util.ArrayList<>(HOSTILE);
    withUnicode.add(RowFactory.create("pedido-ç", "𝔘nicode ünïcode", 3));
    withUnicode.add(RowFactory.create("", "", 2));
    List<String> orderItems =
        withUnicode.stream()
            .map(r -> Keys.orderItemIdText(r.getString(0), r.getString(1), r.getInt(2)))
            .toList();
    List<String> shipments =
        withUnicode.stream()
            .map(
                r ->
                    String.valueOf(
                        Keys.shipmentIdValue(r.getString(0), r.getString(1), r.getInt(2))))
            .toList();
    List<String> itemShipments =
        withUnicode.stream()
            .map(
                r ->
                    String.valueOf(
                        Keys.itemShipmentIdValue(
                            Keys.shipmentIdValue(r.getString(0), "SHIP", 1),
                            r.getString(1),
                            r.getInt(2))))
            .toList();

    assertThat(orderItems)
        .isEqualTo(keys(Keys.orderItemId(col("a"), col("b"), col("n")), withUnicode));
    assertThat(shipments)
        .isEqualTo(keys(Keys.shipmentId(col("a"), col("b"), col("n")).cast("string"), withUnicode));
    assertThat(itemShipments)
        .isEqualTo(
            keys(
                Keys.itemShipmentId(
                        Keys.shipmentId(col("a"), lit("SHIP"), lit(1)), col("b"), col("n"))
                    .cast("string"),
                withUnicode));
  }

  @Test
  void anAddressFieldMadeOfTheNullMarkIsNotAMissingField() {
    StructType address =
        new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    List<Row> rows =
        List.of(
            RowFactory.create(null, "X"),
            RowFactory.create("\u0001", "X"),
            RowFactory.create("\u0001\u0001", "X"),
            RowFactory.create("Y", "X"));
    Dataset<Row> frame = SparkTestSession.get().createDataFrame(rows, address);

    List<Long> ids =
        frame.select(Keys.addressId(col("a"), col("b"))).collectAsList().stream()
            .map(r -> r.getLong(0))
            .toList();

    assertThat(ids).doesNotHaveDuplicates();
  }

  private static List<String> keys(org.apache.spark.sql.Column key, List<Row> rows) {
    return SparkTestSession.get().createDataFrame(rows, PARTS).select(key).collectAsList().stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
