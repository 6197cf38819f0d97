package io.orderstream.model;

import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static io.orderstream.model.JsonScope.PROMOTION;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.negate;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Bridge between orders and every promotion applied to them. */
public final class OrderPromotionTable extends StarTable {
  public static final String NAME = "order_promotion";
  private static final BigDecimal NO_VALUE = BigDecimal.valueOf(-1);

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Bridge: one row per promotion applied to an order's winning event.",
          TableKind.ORDER_SCOPED,
          "id",
          Lineage.concat(
              List.of(
                  derived(
                      "id",
                      TEXT,
                      "order id, ':', promotion id, each with backslash and ':' escaped by a backslash",
                      "escaped txt_detl_idt_pedi_pgto + ':' + escaped cod_prmo",
                      Keys.orderPromotionId(col("order_id"), col("promo.cod_prmo"))),
                  derived(
                      "order_id",
                      TEXT,
                      "order id",
                      "txt_detl_idt_pedi_pgto",
                      col(Winners.ORDER_ID)),
                  PROMOTION.field("promotion_id", TEXT, "promotion (FK promotion)", "cod_prmo"),
                  PROMOTION.field(
                      "value_applied",
                      MONEY,
                      "discount this promotion gave this order",
                      "vlr_aplc_desc")),
              Lineage.eventColumns().toArray(ColumnDef[]::new)),
          List.of(new ForeignKey("promotion_id", PromotionTable.NAME)));

  public OrderPromotionTable() {
    super(DEFINITION);
  }

  /**
   * A promotion listed twice in one event is one bridge row: the entry with the larger applied
   * value is kept (the earlier one on a tie), decided inside the order's row, without a shuffle.
   */
  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    Column indexed = transform(col("e.list_prmo"), (p, i) -> struct(p.as("p"), i.as("pos")));
    Column sameCode =
        filter(indexed, o -> o.getField("p").getField("cod_prmo").equalTo(col("promo.cod_prmo")));
    Column keptPosition =
        array_max(
                transform(
                    sameCode,
                    o ->
                        struct(
                            coalesce(o.getField("p").getField("vlr_aplc_desc"), lit(NO_VALUE))
                                .as("value"),
                            negate(o.getField("pos")).as("earlier"),
                            o.getField("pos").as("pos"))))
            .getField("pos");
    return List.of(context.promotions().where(col("promo_pos").equalTo(keptPosition)));
  }
}
