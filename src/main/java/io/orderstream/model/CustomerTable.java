package io.orderstream.model;

import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.Cols.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Customers; the latest winning event that names a customer sets its attributes. */
public final class CustomerTable extends StarTable {
  public static final String NAME = "customer";
  private static final String C = "e.objt_clie.";

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per customer; attributes from the latest winning event naming the customer.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(
              List.of(
                  field("id", TEXT, "customer id", C + "cod_rfrc_clie", "objt_clie.cod_rfrc_clie"),
                  field("name", TEXT, "customer name", C + "nom_clie", "objt_clie.nom_clie"),
                  field("email", TEXT, "e-mail address", C + "nom_ende_emai_clie", "objt_clie.nom_ende_emai_clie"),
                  field("phone_area_code", TEXT, "phone area code", C + "objt_tel_clie.cod_area_tel", "objt_clie.objt_tel_clie.cod_area_tel"),
                  field("phone_country_code", TEXT, "phone country code", C + "objt_tel_clie.cod_pais_tel", "objt_clie.objt_tel_clie.cod_pais_tel"),
                  field("phone_number", TEXT, "phone number", C + "objt_tel_clie.num_tel_clie", "objt_clie.objt_tel_clie.num_tel_clie"),
                  field("document", TEXT, "identity document", C + "nom_tipo_docm", "objt_clie.nom_tipo_docm"),
                  field("type", TEXT, "person type (individual, company)", C + "cod_tipo_pess", "objt_clie.cod_tipo_pess")),
              Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public CustomerTable() {
    super(DEFINITION);
  }


  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(context.orders()
        .where(col(C + "cod_rfrc_clie").isNotNull())
        .withColumn(Lineage.COMPLETE, lit(true)));
  }
}
