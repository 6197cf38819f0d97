package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.JsonScope.SHIPMENT;
import static io.orderstream.model.JsonScope.SHIPPED_ITEM;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Items inside each shipment of an order's winning event. */
public final class ItemShipmentTable extends StarTable {
  public static final String NAME = "item_shipment";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per item in a shipment of an order's winning event.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived(
                      "id",
                      KEY,
                      "hash(shipment id, cod_prod)",
                      "hash(shipment id, list_envo[].list_item_envo[].cod_prod)",
                      col("item_shipment_id")),
                  derived(
                      "order_id",
                      TEXT,
                      "order the shipment belongs to",
                      "txt_detl_idt_pedi_pgto",
                      col(Winners.ORDER_ID)),
                  derived(
                      "shipment_id",
                      KEY,
                      "shipment (FK shipment)",
                      "hash(order id, list_envo[].cod_tipo_entg)",
                      col("shipment_id")),
                  SHIPPED_ITEM.field("item_id", TEXT, "item shipped (FK item)", "cod_prod"),
                  SHIPMENT.field(
                      "seller_id", TEXT, "the shipment's seller (FK seller)", "cod_venr"),
                  SHIPPED_ITEM.field(
                      "seller_item_code", TEXT, "the seller's code of the item", "cod_prod_venr"),
                  SHIPPED_ITEM.field(
                      "substatus_code",
                      TEXT,
                      "sub-status code",
                      "objt_sub_stat_item.cod_sub_stat_item"),
                  SHIPPED_ITEM.field(
                      "substatus_reason",
                      TEXT,
                      "sub-status reason",
                      "objt_sub_stat_item.nom_sub_stat_item"),
                  SHIPPED_ITEM.field(
                      "created_at", INSTANT, "entry created at", "dat_hor_cria_item_entg"),
                  SHIPPED_ITEM.field(
                      "updated_at", INSTANT, "entry updated at", "dat_hor_atui_item_entg"),
                  SHIPPED_ITEM.field("quantity", COUNT, "units in this shipment", "qtd_prod"),
                  SHIPPED_ITEM.field("status", TEXT, "delivery status of the item", "stat_entg")),
              Lineage.eventColumns().toArray(ColumnDef[]::new)),
          List.of(
              new ForeignKey("shipment_id", ShipmentTable.NAME),
              new ForeignKey("item_id", ItemTable.NAME),
              new ForeignKey("seller_id", SellerTable.NAME)));

  public ItemShipmentTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(context.shipmentItems());
  }
}
