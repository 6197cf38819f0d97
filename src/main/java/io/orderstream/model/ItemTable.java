package io.orderstream.model;

import static io.orderstream.model.Cols.MONEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.orderstream.event.EventSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;

/**
 * Items (product variants), from order lines. An item seen only inside a shipment ({@code
 * list_item_envo[].cod_prod}) is kept as an incomplete row so item_shipment's foreign key resolves.
 */
public final class ItemTable extends StarTable {
  public static final String NAME = "item";
  private static final DataType ORDER_LINE_TYPE =
      ((ArrayType) EventSchema.sparkType().apply("list_item_pedi").dataType()).elementType();

  /** A column copied from a field of the order line ({@code list_item_pedi[]}). */
  private record LineField(String column, String field, DataType type, String meaning) {}

  private static final List<LineField> LINE_FIELDS =
      List.of(
          new LineField("product_name", "nom_prod_orig", TEXT, "product name"),
          new LineField("product_slug", "txt_plae_otmz_url_prod", TEXT, "product URL slug"),
          new LineField("name", "nom_item", TEXT, "item name"),
          new LineField("slug", "txt_plae_otmz_url_item", TEXT, "item URL slug"),
          new LineField("thumbnail", "nom_url_img_oril", TEXT, "image URL"),
          new LineField("seller_id", "idt_venr", TEXT, "seller (FK seller)"),
          new LineField(
              "seller_sku_id",
              "idt_vrne_venr",
              TEXT,
              "the seller's own code for this item (the diagram's seller.sku_id)"),
          new LineField("price", "vlr_prod", MONEY, "price"),
          new LineField("original_price", "vlr_oril", MONEY, "original price"),
          new LineField("unit_price", "vlr_prec_unit_brut", MONEY, "gross unit price"),
          new LineField(
              "unit_original_price", "vlr_oril_prod_unit_vrne", MONEY, "original unit price"),
          new LineField("price_discount", "vlr_prod_ofrt_desc", MONEY, "offer discount"),
          new LineField(
              "unit_financial_discount",
              "vlr_desc_finn_unit_item",
              MONEY,
              "financial discount per unit"),
          new LineField(
              "unit_reversl_value", "vlr_fina_esto_item", MONEY, "reversal value per unit"));

  /**
   * The order line an item row is read from, under the column {@code item} that {@link #sources}
   * adds.
   */
  private static final JsonScope ITEM_LINE = new JsonScope("item", JsonScope.LINE.json());

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per item (product variant); attributes from the latest winning event with an order line for it.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(columns(), Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of(new ForeignKey("seller_id", SellerTable.NAME)));

  public ItemTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    Dataset<Row> fromLines =
        context
            .lines()
            .withColumn("item", col("line"))
            .withColumn("item_id", col("line.cod_vrne_prod"))
            .withColumn(Lineage.COMPLETE, lit(true));
    Dataset<Row> fromShipments =
        context
            .shipmentItems()
            .withColumn("item", lit(null).cast(ORDER_LINE_TYPE))
            .withColumn("item_id", col("si.cod_prod"))
            .withColumn(Lineage.COMPLETE, lit(false));
    return List.of(fromLines, fromShipments);
  }

  private static List<ColumnDef> columns() {
    List<ColumnDef> columns = new ArrayList<>();
    columns.add(derived("id", TEXT, "item id", "list_item_pedi[].cod_vrne_prod", col("item_id")));
    for (LineField f : LINE_FIELDS) {
      columns.add(ITEM_LINE.field(f.column(), f.type(), f.meaning(), f.field()));
    }
    columns.add(
        derived(
            "warehouse_id",
            TEXT,
            "first selling store (warehouse)",
            "list_item_pedi[].list_cod_loja_vend[0].cod_loja_vend",
            col("item.list_cod_loja_vend").getItem(0).getField("cod_loja_vend")));
    return columns;
  }
}
