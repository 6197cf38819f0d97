package io.orderstream.model;

import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Shipments of each order's winning event. */
public final class ShipmentTable extends StarTable {
  public static final String NAME = "shipment";
  private static final String S = "ship.";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "One row per shipment in an order's winning event; a shipment a newer event no longer lists is removed.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived("id", KEY, "hash(order id, cod_tipo_entg)", "hash(txt_detl_idt_pedi_pgto, list_envo[].cod_tipo_entg)", col("shipment_id")),
                  field("order_id", TEXT, "order the shipment belongs to", "order_id", "txt_detl_idt_pedi_pgto"),
                  field("shipment_code", TEXT, "shipment code, stable across the order's events", S + "cod_tipo_entg", "list_envo[].cod_tipo_entg"),
                  field("substatus_code", TEXT, "sub-status code", S + "objt_sub_stat_envo.cod_sub_stat_entg", "list_envo[].objt_sub_stat_envo.cod_sub_stat_entg"),
                  field("substatus_reason", TEXT, "sub-status reason", S + "objt_sub_stat_envo.nom_sub_stat_entg", "list_envo[].objt_sub_stat_envo.nom_sub_stat_entg"),
                  derived("substatus_description", TEXT, "sub-status description; no source field yet, always null", "", lit(null)),
                  field("status", TEXT, "shipment status", S + "nom_stat_entg", "list_envo[].nom_stat_entg"),
                  field("seller_id", TEXT, "seller shipping it (FK seller)", S + "cod_venr", "list_envo[].cod_venr"),
                  field("billing_number", TEXT, "invoice number", S + "objt_carg_fatm.cod_nota_fisc", "list_envo[].objt_carg_fatm.cod_nota_fisc"),
                  field("billing_serial", TEXT, "invoice series", S + "objt_carg_fatm.cod_srie", "list_envo[].objt_carg_fatm.cod_srie"),
                  field("billing_xml_content", TEXT, "invoice XML", S + "objt_carg_fatm.txt_xml_oper", "list_envo[].objt_carg_fatm.txt_xml_oper"),
                  field("billing_issue_date", INSTANT, "invoice issue instant", S + "objt_carg_fatm.dat_emis_nail", "list_envo[].objt_carg_fatm.dat_emis_nail"),
                  field("tracking_send_date", INSTANT, "handed to the carrier at", S + "objt_des_stat_rtmt.dat_envo_rtmt", "list_envo[].objt_des_stat_rtmt.dat_envo_rtmt"),
                  field("tracking_protocol", TEXT, "tracking code", S + "objt_des_stat_rtmt.prco_rtmt", "list_envo[].objt_des_stat_rtmt.prco_rtmt"),
                  field("tracking_carrier", TEXT, "carrier", S + "objt_des_stat_rtmt.nom_trtd", "list_envo[].objt_des_stat_rtmt.nom_trtd"),
                  field("tracking_delivery_method", TEXT, "carrier's delivery method", S + "objt_des_stat_rtmt.des_moda_entg", "list_envo[].objt_des_stat_rtmt.des_moda_entg"),
                  field("delivered_date", INSTANT, "delivery proof instant", S + "dat_emis_cpvt", "list_envo[].dat_emis_cpvt")),
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
