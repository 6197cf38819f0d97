package io.orderstream.model;

import static io.orderstream.model.Cols.COUNT;
import static io.orderstream.model.Cols.INSTANT;
import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.JsonScope.EVENT;
import static io.orderstream.model.JsonScope.LINE;
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

  private static final JsonScope SUMMARY = EVENT.nested("objt_des_rsum");

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Fact: one row per order line of the order's winning event; replaced whenever a newer event for the order wins.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived(
                      "id",
                      TEXT,
                      "order id, ':', item id, each with backslash and ':' escaped by a backslash (':n' added for the n-th line of the same item in one order)",
                      "escaped txt_detl_idt_pedi_pgto + ':' + escaped cod_vrne_prod",
                      Keys.orderItemId(
                          col("order_id"), col("line.cod_vrne_prod"), col("line_occurrence"))),
                  derived(
                      "order_id",
                      TEXT,
                      "order id",
                      "txt_detl_idt_pedi_pgto",
                      col(Winners.ORDER_ID)),
                  LINE.field("item_id", TEXT, "item of this line (FK item)", "cod_vrne_prod"),
                  LINE.field(
                      "offer_id", TEXT, "offer the item was bought under", "cod_ofrt_ineo_requ"),
                  LINE.field("shipping_cost", MONEY, "shipping cost of the line", "vlr_fret"),
                  LINE.field(
                      "shipping_discount", MONEY, "shipping discount of the line", "vlr_desc_envo"),
                  LINE.field(
                      "final_shipping_cost",
                      MONEY,
                      "shipping cost after discount",
                      "vlr_totl_fret"),
                  LINE.field(
                      "estimated_exact_date_iso",
                      INSTANT,
                      "estimated delivery instant",
                      "dat_hor_esda_entg_item"),
                  LINE.field("item_quantity", COUNT, "units ordered", "qtd_item_pedi"),
                  LINE.field("delivery_method_name", TEXT, "delivery method", "des_moda_entg_item"),
                  LINE.field(
                      "estimated_business_days",
                      COUNT,
                      "estimated delivery time in business days",
                      "qtd_dia_prz_entg"),
                  LINE.field(
                      "logistics_provider_name", TEXT, "logistics operator", "nom_oped_empr"),
                  EVENT.field("store_id", TEXT, "store", "idt_loja"),
                  EVENT.field("client_id", TEXT, "client (sales channel)", "cod_idef_clie"),
                  EVENT.field("payment_status", TEXT, "payment status of the order", "stat_pgto"),
                  SUMMARY.field("summary_items", COUNT, "number of items in the order", "num_item"),
                  SUMMARY.field("summary_total", MONEY, "order total", "vlr_totl_pedi"),
                  SUMMARY.field(
                      "summary_total_price_discount",
                      MONEY,
                      "total price discount",
                      "vlr_totl_desc"),
                  SUMMARY.field(
                      "summary_total_shipping_cost",
                      MONEY,
                      "total shipping cost",
                      "vlr_cust_totl_envo"),
                  SUMMARY.field(
                      "summary_total_shipping_discount",
                      MONEY,
                      "total shipping discount",
                      "vlr_desc_totl_envo"),
                  SUMMARY.field(
                      "summary_max_shipping_time",
                      COUNT,
                      "longest shipping time of the order's lines",
                      "qtd_maxi_temp_envo"),
                  SUMMARY.field(
                      "summary_orders_discount",
                      MONEY,
                      "order-level discount",
                      "vlr_desc_conc_pedi"),
                  SUMMARY.field(
                      "summary_final_price", MONEY, "final price of the order", "vlr_fina_pedi"),
                  EVENT.field(
                      "verify_token", TEXT, "verify token (JWT) of the order", "cod_aces_tokn"),
                  EVENT.field("created_at", INSTANT, "order creation instant", "dat_hor_tran"),
                  EVENT.field("updated_at", INSTANT, "instant of the winning event", "dat_atui"),
                  derived(
                      "delivery_address_id",
                      KEY,
                      "delivery address (FK delivery_address)",
                      "hash of objt_ende_entg_pedi",
                      DeliveryAddressTable.idOf(col("e.objt_ende_entg_pedi"))),
                  EVENT.field(
                      "customer_id", TEXT, "customer (FK customer)", "objt_clie.cod_rfrc_clie"),
                  derived(
                      "item_shipment_id",
                      KEY,
                      "shipment entry of this line (FK item_shipment); null until shipped",
                      "list_envo[].list_item_envo[] whose cod_prod is the line's item",
                      col("shipped.item_shipment_id")),
                  derived(
                      "promotion_id",
                      TEXT,
                      "the order's promotion with the largest applied value (FK promotion); all are in order_promotion",
                      "list_prmo[].cod_prmo with the largest vlr_aplc_desc",
                      largestPromotion()),
                  EVENT.field("order_status", TEXT, "order status", "stat_pedi"),
                  derived(
                      "item_status",
                      TEXT,
                      "the line's shipment status once shipped, else the order status",
                      "list_item_envo[].stat_entg, else stat_pedi",
                      when(
                              col("shipped").isNotNull(),
                              coalesce(col("shipped.status"), col("e.stat_pedi")))
                          .otherwise(col("e.stat_pedi")))),
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
    return array_max(
            transform(
                col("e.list_prmo"),
                p ->
                    struct(
                        p.getField("vlr_aplc_desc").as("value"),
                        p.getField("cod_prmo").as("code"))))
        .getField("code");
  }
}
