package io.orderstream.model;

import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.JsonScope.SHIPMENT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Shipments of each order's winning event. */
public final class ShipmentTable extends StarTable {
  public static final String NAME = "shipment";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per shipment in an order's winning event; a shipment a newer event no longer lists is removed.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived(
                      "id",
                      KEY,
                      "hash(order id, cod_tipo_entg)",
                      "hash(txt_detl_idt_pedi_pgto, list_envo[].cod_tipo_entg)",
                      col("shipment_id")),
                  derived(
                      "order_id",
                      TEXT,
                      "order the shipment belongs to",
                      "txt_detl_idt_pedi_pgto",
                      col(Winners.ORDER_ID)),
                  SHIPMENT.field(
                      "shipment_code",
                      TEXT,
                      "shipment code, stable across the order's events",
                      "cod_tipo_entg"),
                  SHIPMENT.field(
                      "substatus_code",
                      TEXT,
                      "sub-status code",
                      "objt_sub_stat_envo.cod_sub_stat_entg"),
                  SHIPMENT.field(
                      "substatus_reason",
                      TEXT,
                      "sub-status reason",
                      "objt_sub_stat_envo.nom_sub_stat_entg"),
                  derived(
                      "substatus_description",
                      TEXT,
                      "sub-status description; no source field yet, always null",
                      "",
                      lit(null)),
                  SHIPMENT.field("status", TEXT, "shipment status", "nom_stat_entg"),
                  SHIPMENT.field("seller_id", TEXT, "seller shipping it (FK seller)", "cod_venr"),
                  SHIPMENT.field(
                      "billing_number", TEXT, "invoice number", "objt_carg_fatm.cod_nota_fisc"),
                  SHIPMENT.field(
                      "billing_serial", TEXT, "invoice series", "objt_carg_fatm.cod_srie"),
                  SHIPMENT.field(
                      "billing_xml_content", TEXT, "invoice XML", "objt_carg_fatm.txt_xml_oper"),
                  SHIPMENT.field(
                      "billing_issue_date",
                      INSTANT,
                      "invoice issue instant",
                      "objt_carg_fatm.dat_emis_nail"),
                  SHIPMENT.field(
                      "tracking_send_date",
                      INSTANT,
                      "handed to the carrier at",
                      "objt_des_stat_rtmt.dat_envo_rtmt"),
                  SHIPMENT.field(
                      "tracking_protocol", TEXT, "tracking code", "objt_des_stat_rtmt.prco_rtmt"),
                  SHIPMENT.field(
                      "tracking_carrier", TEXT, "carrier", "objt_des_stat_rtmt.nom_trtd"),
                  SHIPMENT.field(
                      "tracking_delivery_method",
                      TEXT,
                      "carrier's delivery method",
                      "objt_des_stat_rtmt.des_moda_entg"),
                  SHIPMENT.field(
                      "delivered_date", INSTANT, "delivery proof instant", "dat_emis_cpvt")),
              Lineage.eventColumns().toArray(ColumnDef[]::new)),
          List.of(new ForeignKey("seller_id", SellerTable.NAME)));

  public ShipmentTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(context.shipments());
  }
}
