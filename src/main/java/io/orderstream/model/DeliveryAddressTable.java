package io.orderstream.model;

import static io.orderstream.model.Cols.KEY;
import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.derived;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Delivery addresses, keyed by their content: the same address (after trimming, folding white space
 * and ignoring case) is one row whichever orders use it.
 */
public final class DeliveryAddressTable extends StarTable {
  public static final String NAME = "delivery_address";
  private static final String ADDRESS = "e.objt_ende_entg_pedi";

  /** Column name and JSON field, in the order they enter the key hash. */
  private static final String[][] FIELDS = {
    {"receiver_name", "nom_pess", "name of the person receiving"},
    {"street", "nom_logr_ende_entg", "street"},
    {"number", "num_logr_ende_entg", "street number"},
    {"complement", "nom_cmpl_ende_entg", "complement (apartment, block)"},
    {"neighborhood", "nom_bair_ende_entg", "neighborhood"},
    {"city", "nom_cida_ende_entg", "city"},
    {"short_state", "sig_uf", "state abbreviation"},
    {"state", "nom_estd", "state"},
    {"zip_code", "cod_cep", "postal code"},
    {"country_code", "cod_pais_resd", "country code"},
  };

  /**
   * The fields that say who receives or exactly where: {@code personal-columns} applies to them.
   */
  private static final Set<String> PERSONAL = Set.of("receiver_name", "street");

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per distinct delivery address; id is a hash of the normalized fields.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(columns(), Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public DeliveryAddressTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(
        context.orders().where(col(ADDRESS).isNotNull()).withColumn(Lineage.COMPLETE, lit(true)));
  }

  /**
   * The key of the address held in {@code address} (a struct column), or null when there is none.
   */
  public static Column idOf(Column address) {
    Column[] normalized = new Column[FIELDS.length];
    for (int i = 0; i < FIELDS.length; i++) {
      normalized[i] = Keys.normalizedText(address.getField(FIELDS[i][1]));
    }
    return when(address.isNull(), lit(null)).otherwise(Keys.addressId(normalized));
  }

  private static List<ColumnDef> columns() {
    List<ColumnDef> columns = new ArrayList<>();
    columns.add(
        derived(
            "id",
            KEY,
            "hash of the normalized address fields",
            "objt_ende_entg_pedi",
            idOf(col(ADDRESS))));
    for (String[] f : FIELDS) {
      ColumnDef column =
          derived(
              f[0],
              TEXT,
              f[2] + ", trimmed",
              "objt_ende_entg_pedi." + f[1],
              Keys.normalizedText(col(ADDRESS + "." + f[1])));
      columns.add(PERSONAL.contains(f[0]) ? column.asPersonal() : column);
    }
    return columns;
  }
}
