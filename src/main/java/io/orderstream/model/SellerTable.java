package io.orderstream.model;

import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Sellers, named by order lines ({@code idt_venr}, {@code nom_venr}) and by shipments ({@code
 * cod_venr}, id only). A seller seen only on a shipment is kept as an incomplete row so the
 * shipment's foreign key resolves; the first order line naming it completes it.
 *
 * <p>The diagram's {@code sku_id} ({@code idt_vrne_venr}) is the seller's code for one item, not an
 * attribute of the seller, so it lives on {@code item.seller_sku_id}.
 */
public final class SellerTable extends StarTable {
  public static final String NAME = "seller";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per seller named by an order line or a shipment.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(
              List.of(
                  derived(
                      "id",
                      TEXT,
                      "seller id",
                      "list_item_pedi[].idt_venr or list_envo[].cod_venr",
                      col("seller_id")),
                  derived(
                      "name",
                      TEXT,
                      "seller name; null while known only from a shipment",
                      "list_item_pedi[].nom_venr",
                      col("seller_name"))),
              Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public SellerTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    Dataset<Row> fromLines =
        context
            .lines()
            .where(col("line.idt_venr").isNotNull())
            .withColumn("seller_id", col("line.idt_venr"))
            .withColumn("seller_name", col("line.nom_venr"))
            .withColumn(Lineage.COMPLETE, lit(true));
    Dataset<Row> fromShipments =
        context
            .shipments()
            .where(col("ship.cod_venr").isNotNull())
            .withColumn("seller_id", col("ship.cod_venr"))
            .withColumn("seller_name", lit(null).cast("string"))
            .withColumn(Lineage.COMPLETE, lit(false));
    return List.of(fromLines, fromShipments);
  }
}
