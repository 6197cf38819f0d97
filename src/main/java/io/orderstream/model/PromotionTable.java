package io.orderstream.model;

import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Promotions applied to orders; attributes from the latest winning event naming the promotion. */
public final class PromotionTable extends StarTable {
  public static final String NAME = "promotion";
  private static final String P = "promo.";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per promotion; the per-order applied value is in order_promotion.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(
              List.of(
                  field("id", TEXT, "promotion id", P + "cod_prmo", "list_prmo[].cod_prmo"),
                  field("name", TEXT, "promotion name", P + "nom_prmo", "list_prmo[].nom_prmo"),
                  field("discount_type", TEXT, "kind of discount", P + "nom_tipo_desc", "list_prmo[].nom_tipo_desc"),
                  field("applies_to", TEXT, "what the promotion applies to (e.g. cart)", P + "nom_apli_prmo", "list_prmo[].nom_apli_prmo"),
                  field("coupon_id", TEXT, "coupon id", P + "objt_cupo.cod_idef_cupo", "list_prmo[].objt_cupo.cod_idef_cupo"),
                  field("coupon_type", TEXT, "coupon type", P + "objt_cupo.nom_tipo_cupo", "list_prmo[].objt_cupo.nom_tipo_cupo"),
                  field("coupon_code", TEXT, "coupon code", P + "objt_cupo.cod_cupo", "list_prmo[].objt_cupo.cod_cupo"),
                  field("value", MONEY, "configured discount value", P + "vlr_cnfg_desc", "list_prmo[].vlr_cnfg_desc"),
                  field("value_applied", MONEY, "value applied in the latest winning event naming it", P + "vlr_aplc_desc", "list_prmo[].vlr_aplc_desc")),
              Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public PromotionTable() {
    super(DEFINITION);
  }


  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(context.promotions()
        .withColumn(Lineage.COMPLETE, lit(true))
        .where(col(P + "cod_prmo").isNotNull()));
  }
}
