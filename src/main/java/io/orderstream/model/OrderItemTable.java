package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The fact table: one row per order line of each order's winning event. */
public final class OrderItemTable extends StarTable {
  public static final String NAME = "order_item";

  private static final String ORDER_PREFIX = "e.";
  private static final String SUMMARY = "e.objt_des_rsum.";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Fact: one row per order line of the order's winning event; replaced whenever a newer event for the order wins.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived("id", TEXT, "order id, ':', item id, each with backslash and ':' escaped by a backslash (':n' added for the n-th line of the same item in one order)",
                      "escaped txt_detl_idt_pedi_pgto + ':' + escaped cod_vrne_prod",
                      Keys.orderItemId(col("order_id"), col("line.cod_vrne_prod"), col("line_occurrence"))),
                  field("order_id", TEXT, "order id", "order_id", "txt_detl_idt_pedi_pgto"),
                  field("item_id", TEXT, "item of this line (FK item)", "line.cod_vrne_prod", "list_item_pedi[].cod_vrne_prod"),
                  field("offer_id", TEXT, "offer the item was bought under", "line.cod_ofrt_ineo_requ", "list_item_pedi[].cod_ofrt_ineo_requ"),
                  field("shipping_cost", MONEY, "shipping cost of the line", "line.vlr_fret", "list_item_pedi[].vlr_fret"),
                  field("shipping_discount", MONEY, "shipping discount of the line", "line.vlr_desc_envo", "list_item_pedi[].vlr_desc_envo"),
                  field("final_shipping_cost", MONEY, "shipping cost after discount", "line.vlr_totl_fret", "list_item_pedi[].vlr_totl_fret"),
                  field("estimated_exact_date_iso", INSTANT, "estimated delivery instant", "line.dat_hor_esda_entg_item", "list_item_pedi[].dat_hor_esda_entg_item"),
                  field("item_quantity", COUNT, "units ordered", "line.qtd_item_pedi", "list_item_pedi[].qtd_item_pedi"),
                  field("delivery_method_name", TEXT, "delivery method", "line.des_moda_entg_item", "list_item_pedi[].des_moda_entg_item"),
                  field("estimated_business_days", COUNT, "estimated delivery time in business days", "line.qtd_dia_prz_entg", "list_item_pedi[].qtd_dia_prz_entg"),
                  field("logistics_provider_name", TEXT, "logistics operator", "line.nom_oped_empr", "list_item_pedi[].nom_oped_empr"),
                  field("store_id", TEXT, "store", ORDER_PREFIX + "idt_loja", "idt_loja"),
                  field("client_id", TEXT, "client (sales channel)", ORDER_PREFIX + "cod_idef_clie", "cod_idef_clie"),
                  field("payment_status", TEXT, "payment status of the order", ORDER_PREFIX + "stat_pgto", "stat_pgto"),
                  field("summary_items", COUNT, "number of items in the order", SUMMARY + "num_item", "objt_des_rsum.num_item"),
                  field("summary_total", MONEY, "order total", SUMMARY + "vlr_totl_pedi", "objt_des_rsum.vlr_totl_pedi"),
                  field("summary_total_price_discount", MONEY, "total price discount", SUMMARY + "vlr_totl_desc", "objt_des_rsum.vlr_totl_desc"),
                  field("summary_total_shipping_cost", MONEY, "total shipping cost", SUMMARY + "vlr_cust_totl_envo", "objt_des_rsum.vlr_cust_totl_envo"),
                  field("summary_total_shipping_discount", MONEY, "total shipping discount", SUMMARY + "vlr_desc_totl_envo", "objt_des_rsum.vlr_desc_totl_envo"),
                  field("summary_max_shipping_time", COUNT, "longest shipping time of the order's lines", SUMMARY + "qtd_maxi_temp_envo", "objt_des_rsum.qtd_maxi_temp_envo"),
                  field("summary_orders_discount", MONEY, "order-level discount", SUMMARY + "vlr_desc_conc_pedi", "objt_des_rsum.vlr_desc_conc_pedi"),
                  field("summary_final_price", MONEY, "final price of the order", SUMMARY + "vlr_fina_pedi", "objt_des_rsum.vlr_fina_pedi"),
                  field("verify_token", TEXT, "verify token (JWT) of the order", ORDER_PREFIX + "cod_aces_tokn", "cod_aces_tokn"),
                  field("created_at", INSTANT, "order creation instant", ORDER_PREFIX + "dat_hor_tran", "dat_hor_tran"),
                  field("updated_at", INSTANT, "instant of the winning event", ORDER_PREFIX + "dat_atui", "dat_atui"),
                  derived("delivery_address_id", KEY, "delivery address (FK delivery_address)", "hash of objt_ende_entg_pedi",
                      DeliveryAddressTable.idOf(col("e.objt_ende_entg_pedi"))),
                  field("customer_id", TEXT, "customer (FK customer)", ORDER_PREFIX + "objt_clie.cod_rfrc_clie", "objt_clie.cod_rfrc_clie"),
                  derived("item_shipment_id", KEY, "shipment entry of this line (FK item_shipment); null until shipped",
                      "list_envo[].list_item_envo[] whose cod_prod is the line's item", col("shipped.item_shipment_id")),
                  derived("promotion_id", TEXT, "the order's promotion with the largest applied value (FK promotion); all are in order_promotion",
                      "list_prmo[].cod_prmo with the largest vlr_aplc_desc", largestPromotion()),
                  field("order_status", TEXT, "order status", ORDER_PREFIX + "stat_pedi", "stat_pedi"),
                  derived("item_status", TEXT, "the line's shipment status once shipped, else the order status",
                      "list_item_envo[].stat_entg, else stat_pedi",
                      when(col("shipped").isNotNull(), coalesce(col("shipped.status"), col("e.stat_pedi"))).otherwise(col("e.stat_pedi")))),
              Lineage.eventColumns().toArray(ColumnDef[]::new)),
          List.of(
              new ForeignKey("item_id", ItemTable.NAME),
              new ForeignKey("delivery_address_id", DeliveryAddressTable.NAME),
              new ForeignKey("customer_id", CustomerTable.NAME),
              new ForeignKey("item_shipment_id", ItemShipmentTable.NAME),
              new ForeignKey("promotion_id", PromotionTable.NAME)));

  public OrderItemTable() {
    super(DEFINITION);
  }


  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(context.lines());
  }

  /** Ties on the applied value go to the larger promotion code, so the choice is stable. */
  private static org.apache.spark.sql.Column largestPromotion() {
    return array_max(transform(col("e.list_prmo"), p -> struct(p.getField("vlr_aplc_desc").as("value"), p.getField("cod_prmo").as("code"))))
        .getField("code");
  }
}
