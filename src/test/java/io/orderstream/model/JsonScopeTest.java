package io.orderstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class JsonScopeTest {
  @Test
  void aFieldIsReadFromTheScopesColumnAndDocumentedByItsJsonPath() {
    ColumnDef status =
        JsonScope.SHIPPED_ITEM.field("status", DataTypes.StringType, "status", "stat_entg");

    assertThat(status.source()).isEqualTo("list_envo[].list_item_envo[].stat_entg");
    assertThat(status.expression().toString()).isEqualTo("si.stat_entg");
  }

  @Test
  void aNestedScopeExtendsBothTheColumnAndThePath() {
    JsonScope customer = JsonScope.EVENT.nested("objt_clie");
    ColumnDef name = customer.field("name", DataTypes.StringType, "name", "nom_clie");

    assertThat(name.source()).isEqualTo("objt_clie.nom_clie");
    assertThat(name.expression().toString()).isEqualTo("e.objt_clie.nom_clie");
  }
}
