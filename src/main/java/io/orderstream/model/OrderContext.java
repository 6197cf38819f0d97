package io.orderstream.model;

import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The rows tables are derived from, for the orders whose winning event changed in one batch.
 *
 * <p>Input: the batch's {@link Winners}. Keys of nested rows (shipments, items in shipments) are
 * computed inside each order's row with array functions, once, before anything is exploded; every
 * view below is then a narrow projection of that one cached dataset: no joins, no shuffles, so the
 * nine tables' sources cost little more than one.
 */
public final class OrderContext {
  private static final String EVENT = Winners.EVENT;
  private static final String ORDER_ID = Winners.ORDER_ID;
  private static final String SHIPS = "ships";
  private static final String SHIP_ITEMS = "ship_items";

  private final Dataset<Row> orders;
  private final PersonalDataMask personalData;

  /**
   * @param batchId the micro-batch writing the rows, recorded as lineage
   * @param personalData what the tables' rows get in their personal columns
   */
  OrderContext(Winners winners, long batchId, PersonalDataMask personalData) {
    this.personalData = personalData;
    Dataset<Row> base =
        winners
            .rows()
            .select(
                col(ORDER_ID),
                col(EVENT),
                col(Winners.UPDATED_AT).as(Lineage.UPDATED_AT),
                col(Winners.UPDATED_AT_NANOS).as(Lineage.UPDATED_AT_NANOS),
                col(Winners.VERSION).as(Lineage.VERSION),
                col(Winners.EVENT_HASH).as(Lineage.EVENT_HASH),
                lit(batchId).as(Lineage.BATCH_ID));
    Dataset<Row> withShips = base.withColumn(SHIPS, keyedShipments());
    this.orders =
        withShips
            .withColumn(SHIP_ITEMS, keyedShipmentItems())
            .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Frees the cached rows once the tables' rows are taken. */
  void release() {
    orders.unpersist();
  }

  /** What {@link StarTable#rows} does to personal columns. */
  PersonalDataMask personalData() {
    return personalData;
  }

  /** One row per changed order. */
  public Dataset<Row> orders() {
    return orders;
  }

  /**
   * One row per order line: {@code line}, {@code line_occurrence} of its item in the order, and
   * {@code shipped}: the shipment entry the item travels in (the most recently updated one when an
   * item is split over several shipments), or null.
   */
  public Dataset<Row> lines() {
    Column lineItems = col(EVENT + ".list_item_pedi");
    Dataset<Row> lines =
        orders.select(col("*"), posexplode(lineItems).as(new String[] {"line_pos", "line"}));
    Column sameItemBefore =
        filter(
            lineItems,
            (other, i) ->
                i.lt(col("line_pos"))
                    .and(other.getField("cod_vrne_prod").equalTo(col("line.cod_vrne_prod"))));
    Column entriesOfItem =
        filter(
            col(SHIP_ITEMS),
            x -> x.getField("si").getField("cod_prod").equalTo(col("line.cod_vrne_prod")));
    Column latestEntry =
        array_max(
            transform(
                entriesOfItem,
                x ->
                    struct(
                        x.getField("si").getField("dat_hor_atui_item_entg").as("updated"),
                        x.getField("item_shipment_id").as("item_shipment_id"),
                        org.apache
                            .spark
                            .sql
                            .functions
                            .coalesce(
                                x.getField("si").getField("stat_entg"),
                                x.getField("ship").getField("nom_stat_entg"))
                            .as("status"))));
    return lines
        .withColumn("line_occurrence", size(sameItemBefore).plus(1))
        .withColumn("shipped", latestEntry);
  }

  /** One row per shipment: {@code ship} and its {@code shipment_id}. */
  public Dataset<Row> shipments() {
    return orders
        .select(col("*"), explode(col(SHIPS)).as("k"))
        .select(col("*"), col("k.ship").as("ship"), col("k.shipment_id").as("shipment_id"));
  }

  /** One row per item inside a shipment: {@code ship}, {@code si} and both keys. */
  public Dataset<Row> shipmentItems() {
    return orders
        .select(col("*"), explode(col(SHIP_ITEMS)).as("k"))
        .select(
            col("*"),
            col("k.ship").as("ship"),
            col("k.si").as("si"),
            col("k.shipment_id").as("shipment_id"),
            col("k.item_shipment_id").as("item_shipment_id"));
  }

  /** One row per promotion applied to an order: {@code promo}. */
  public Dataset<Row> promotions() {
    return orders.select(
        col("*"), posexplode(col(EVENT + ".list_prmo")).as(new String[] {"promo_pos", "promo"}));
  }

  /** [{ship, shipment_id}] per order. */
  private static Column keyedShipments() {
    Column list = col(EVENT + ".list_envo");
    return transform(
        list,
        (ship, i) ->
            struct(
                ship.as("ship"),
                Keys.shipmentId(
                        col(ORDER_ID),
                        ship.getField("cod_tipo_entg"),
                        occurrence(list, "cod_tipo_entg", ship, i))
                    .as("shipment_id")));
  }

  /** [{ship, shipment_id, si, item_shipment_id}] per order, over all shipments. */
  private static Column keyedShipmentItems() {
    return flatten(
        transform(
            col(SHIPS),
            k -> {
              Column items = k.getField("ship").getField("list_item_envo");
              return transform(
                  items,
                  (si, j) ->
                      struct(
                          k.getField("ship").as("ship"),
                          k.getField("shipment_id").as("shipment_id"),
                          si.as("si"),
                          Keys.itemShipmentId(
                                  k.getField("shipment_id"),
                                  si.getField("cod_prod"),
                                  occurrence(items, "cod_prod", si, j))
                              .as("item_shipment_id")));
            }));
  }

  /**
   * 1 for the first element of {@code list} with this value of {@code field}, 2 for the second, ...
   */
  private static Column occurrence(Column list, String field, Column element, Column index) {
    return size(filter(
            list,
            (other, k) -> k.lt(index).and(other.getField(field).equalTo(element.getField(field)))))
        .plus(1);
  }
}
