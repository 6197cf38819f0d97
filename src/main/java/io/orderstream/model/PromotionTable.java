package io.orderstream.model;

import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.JsonScope.PROMOTION;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Promotions applied to orders; attributes from the latest winning event naming the promotion. */
public final class PromotionTable extends StarTable {
  public static final String NAME = "promotion";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per promotion; the per-order applied value is in order_promotion.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(
              List.of(
                  PROMOTION.field("id", TEXT, "promotion id", "cod_prmo"),
                  PROMOTION.field("name", TEXT, "promotion name", "nom_prmo"),
                  PROMOTION.field("discount_type", TEXT, "kind of discount", "nom_tipo_desc"),
                  PROMOTION.field(
                      "applies_to",
                      TEXT,
                      "what the promotion applies to (e.g. cart)",
                      "nom_apli_prmo"),
                  PROMOTION.field("coupon_id", TEXT, "coupon id", "objt_cupo.cod_idef_cupo"),
                  PROMOTION.field("coupon_type", TEXT, "coupon type", "objt_cupo.nom_tipo_cupo"),
                  PROMOTION.field("coupon_code", TEXT, "coupon code", "objt_cupo.cod_cupo"),
                  PROMOTION.field("value", MONEY, "configured discount value", "vlr_cnfg_desc"),
                  PROMOTION.field(
                      "value_applied",
                      MONEY,
                      "value applied in the latest winning event naming it",
                      "vlr_aplc_desc")),
              Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public PromotionTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(
        context
            .promotions()
            .withColumn(Lineage.COMPLETE, lit(true))
            .where(col(PROMOTION.column() + ".cod_prmo").isNotNull()));
  }
}
