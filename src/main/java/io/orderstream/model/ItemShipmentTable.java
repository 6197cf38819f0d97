package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Items inside each shipment of an order's winning event. */
public final class ItemShipmentTable extends StarTable {
  public static final String NAME = "item_shipment";
  private static final String I = "si.";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per item in a shipment of an order's winning event.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived("id", KEY, "hash(shipment id, cod_prod)", "hash(shipment id, list_envo[].list_item_envo[].cod_prod)", col("item_shipment_id")),
                  field("order_id", TEXT, "order the shipment belongs to", "order_id", "txt_detl_idt_pedi_pgto"),
                  field("shipment_id", KEY, "shipment (FK shipment)", "shipment_id", "hash(order id, list_envo[].cod_tipo_entg)"),
                  field("item_id", TEXT, "item shipped (FK item)", I + "cod_prod", "list_envo[].list_item_envo[].cod_prod"),
                  field("seller_id", TEXT, "the shipment's seller (FK seller)", "ship.cod_venr", "list_envo[].cod_venr"),
                  field("seller_item_code", TEXT, "the seller's code of the item", I + "cod_prod_venr", "list_envo[].list_item_envo[].cod_prod_venr"),
                  field("substatus_code", TEXT, "sub-status code", I + "objt_sub_stat_item.cod_sub_stat_item", "list_envo[].list_item_envo[].objt_sub_stat_item.cod_sub_stat_item"),
                  field("substatus_reason", TEXT, "sub-status reason", I + "objt_sub_stat_item.nom_sub_stat_item", "list_envo[].list_item_envo[].objt_sub_stat_item.nom_sub_stat_item"),
                  field("created_at", INSTANT, "entry created at", I + "dat_hor_cria_item_entg", "list_envo[].list_item_envo[].dat_hor_cria_item_entg"),
                  field("updated_at", INSTANT, "entry updated at", I + "dat_hor_atui_item_entg", "list_envo[].list_item_envo[].dat_hor_atui_item_entg"),
                  field("quantity", COUNT, "units in this shipment", I + "qtd_prod", "list_envo[].list_item_envo[].qtd_prod"),
                  field("status", TEXT, "delivery status of the item", I + "stat_entg", "list_envo[].list_item_envo[].stat_entg")),
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
