package io.orderstream.model;

import static io.orderstream.model.Cols.TEXT;
import static io.orderstream.model.JsonScope.EVENT;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Customers; the latest winning event that names a customer sets its attributes. */
public final class CustomerTable extends StarTable {
  public static final String NAME = "customer";
  private static final JsonScope CUSTOMER = EVENT.nested("objt_clie");

  private static final TableDef DEFINITION =
      new TableDef(
          NAME,
          "Dimension: one row per customer; attributes from the latest winning event naming the customer.",
          TableKind.DIMENSION,
          "id",
          Lineage.concat(
              List.of(
                  CUSTOMER.field("id", TEXT, "customer id", "cod_rfrc_clie"),
                  CUSTOMER.field("name", TEXT, "customer name", "nom_clie").asPersonal(),
                  CUSTOMER
                      .field("email", TEXT, "e-mail address", "nom_ende_emai_clie")
                      .asPersonal(),
                  CUSTOMER
                      .field(
                          "phone_area_code", TEXT, "phone area code", "objt_tel_clie.cod_area_tel")
                      .asPersonal(),
                  CUSTOMER
                      .field(
                          "phone_country_code",
                          TEXT,
                          "phone country code",
                          "objt_tel_clie.cod_pais_tel")
                      .asPersonal(),
                  CUSTOMER
                      .field("phone_number", TEXT, "phone number", "objt_tel_clie.num_tel_clie")
                      .asPersonal(),
                  CUSTOMER
                      .field("document", TEXT, "identity document", "nom_tipo_docm")
                      .asPersonal(),
                  CUSTOMER.field(
                      "type", TEXT, "person type (individual, company)", "cod_tipo_pess")),
              Lineage.dimensionColumns().toArray(ColumnDef[]::new)),
          List.of());

  public CustomerTable() {
    super(DEFINITION);
  }

  @Override
  List<Dataset<Row>> sources(OrderContext context) {
    return List.of(
        context
            .orders()
            .where(col(CUSTOMER.column() + ".cod_rfrc_clie").isNotNull())
            .withColumn(Lineage.COMPLETE, lit(true)));
  }
}
