package io.orderstream.model;

import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Bridge between orders and every promotion applied to them. */
public final class OrderPromotionTable implements DerivedTable {
  public static final String NAME = "order_promotion";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Bridge: one row per promotion applied to an order's winning event.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived("id", TEXT, "order id, ':', promotion id", "txt_detl_idt_pedi_pgto + ':' + cod_prmo",
                      concat(col("order_id"), lit(":"), col("promo.cod_prmo"))),
                  field("order_id", TEXT, "order id", "order_id", "txt_detl_idt_pedi_pgto"),
                  field("promotion_id", TEXT, "promotion (FK promotion)", "promo.cod_prmo", "list_prmo[].cod_prmo"),
                  field("value_applied", MONEY, "discount this promotion gave this order", "promo.vlr_aplc_desc", "list_prmo[].vlr_aplc_desc")),
              Lineage.eventColumns().toArray(ColumnDef[]::new)),
          List.of(new ForeignKey("promotion_id", PromotionTable.NAME)));

  @Override
  public TableDef definition() {
    return DEFINITION;
  }

  /** A promotion listed twice in one event is one bridge row: the larger applied value is kept. */
  @Override
  public Dataset<Row> rows(OrderContext context) {
    Dataset<Row> rows = context.promotions().select(DEFINITION.selection());
    return rows.groupBy(col("id"))
        .agg(org.apache.spark.sql.functions.max_by(org.apache.spark.sql.functions.struct(col("*")), col("value_applied")).as("row"))
        .select(col("row.*"));
  }
}
