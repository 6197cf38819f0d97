package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The rows tables are derived from, for the orders whose winning event changed in one batch.
 *
 * <p>Input: one row per changed order with {@code order_id}, the parsed event {@code e} and the
 * event's ordering fields. Each view below adds one level of the event's nesting (lines, shipments,
 * items in shipments, promotions) plus the keys computed at that level, so tables that share a
 * level share its keys.
 */
public final class OrderContext {
  public static final String EVENT = "e";
  public static final String ORDER_ID = "order_id";

  private final Dataset<Row> orders;

  /**
   * @param winners columns order_id, updated_at, version, event_hash and the parsed event {@code e}
   * @param batchId the micro-batch writing the rows, recorded as lineage
   */
  public OrderContext(Dataset<Row> winners, long batchId) {
    this.orders =
        winners.select(
            col(ORDER_ID),
            col(EVENT),
            col("updated_at").as(Lineage.UPDATED_AT),
            col("version").as(Lineage.VERSION),
            col("event_hash").as(Lineage.EVENT_HASH),
            lit(batchId).as(Lineage.BATCH_ID));
  }

  /** One row per changed order. */
  public Dataset<Row> orders() {
    return orders;
  }

  /** One row per order line: {@code line}, its position, and {@code line_occurrence} of its item. */
  public Dataset<Row> lines() {
    Dataset<Row> lines = orders.select(col("*"), posexplode(col(EVENT + ".list_item_pedi")).as(new String[] {"line_pos", "line"}));
    return lines.withColumn("line_occurrence", occurrence(lines, "line.cod_vrne_prod", "line_pos"));
  }

  /** One row per shipment: {@code ship} and its {@code shipment_id}. */
  public Dataset<Row> shipments() {
    Dataset<Row> ships = orders.select(col("*"), posexplode(col(EVENT + ".list_envo")).as(new String[] {"ship_pos", "ship"}));
    return ships
        .withColumn("ship_occurrence", occurrence(ships, "ship.cod_tipo_entg", "ship_pos"))
        .withColumn("shipment_id", Keys.shipmentId(col(ORDER_ID), col("ship.cod_tipo_entg"), col("ship_occurrence")));
  }

  /** One row per item inside a shipment: {@code ship}, {@code si} and both keys. */
  public Dataset<Row> shipmentItems() {
    Dataset<Row> ships = shipments();
    Dataset<Row> items = ships.select(col("*"), posexplode(col("ship.list_item_envo")).as(new String[] {"si_pos", "si"}));
    return items
        .withColumn(
            "si_occurrence",
            row_number().over(Window.partitionBy(col("shipment_id"), col("si.cod_prod")).orderBy(col("si_pos"))))
        .withColumn("item_shipment_id", Keys.itemShipmentId(col("shipment_id"), col("si.cod_prod"), col("si_occurrence")));
  }

  /**
   * Per order and item, the shipment entry that item travels in: the most recently updated one when
   * an item is split over several shipments. Columns: order_id, item_id, item_shipment_id, status.
   */
  public Dataset<Row> itemShipmentPerLine() {
    Dataset<Row> ranked = shipmentItems()
        .withColumn("rank", struct(col("si.dat_hor_atui_item_entg"), col("item_shipment_id")));
    return ranked
        .groupBy(col(ORDER_ID), col("si.cod_prod").as("item_id"))
        .agg(
            max_by(col("item_shipment_id"), col("rank")).as("item_shipment_id"),
            max_by(org.apache.spark.sql.functions.coalesce(col("si.stat_entg"), col("ship.nom_stat_entg")), col("rank")).as("shipment_status"));
  }

  /** One row per promotion applied to an order: {@code promo}. */
  public Dataset<Row> promotions() {
    return orders.select(col("*"), posexplode(col(EVENT + ".list_prmo")).as(new String[] {"promo_pos", "promo"}));
  }

  private static org.apache.spark.sql.Column occurrence(Dataset<Row> rows, String value, String position) {
    return row_number().over(Window.partitionBy(col(ORDER_ID), col(value)).orderBy(col(position)));
  }
}
