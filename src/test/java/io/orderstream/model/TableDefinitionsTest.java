package io.orderstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every table definition is internally consistent: keys, foreign keys, names, comments, lineage.
 */
class TableDefinitionsTest {
  private static final List<TableDef> TABLES = Tables.all();
  private static final Map<String, TableDef> BY_NAME =
      TABLES.stream().collect(Collectors.toMap(TableDef::name, Function.identity()));

  // --- tables

  @Test
  void tablesAreThoseOfTheModelEachOnce() {
    assertThat(TABLES)
        .extracting(TableDef::name)
        .containsExactlyInAnyOrder(
            "order_item",
            "customer",
            "delivery_address",
            "seller",
            "item",
            "promotion",
            "shipment",
            "item_shipment",
            "order_promotion",
            "order_event_latest",
            "order_event",
            "order_status_history",
            "order_item_status_history",
            "quarantine");
  }

  @Test
  void everyTableHasAComment() {
    assertThat(TABLES).allSatisfy(t -> assertThat(t.comment()).as(t.name()).isNotBlank());
  }

  // --- keys and columns

  @Test
  void everyTableKeyIsANonNullableColumnOfIt() {
    for (TableDef table : TABLES) {
      assertThat(table.columnNames()).as(table.name()).contains(table.key());
      assertThat(table.schema().apply(table.key()).nullable()).as(table.name()).isFalse();
    }
  }

  @Test
  void columnNamesAreUniqueWithinEveryTable() {
    for (TableDef table : TABLES) {
      assertThat(table.columnNames()).as(table.name()).doesNotHaveDuplicates();
    }
  }

  @Test
  void everyColumnHasAComment() {
    for (TableDef table : TABLES) {
      assertThat(table.columns())
          .allSatisfy(
              c -> assertThat(c.comment()).as("%s.%s", table.name(), c.name()).isNotBlank());
    }
  }

  // --- foreign keys

  @Test
  void everyForeignKeyIsAColumnReferencingAnExistingTablesKeyOfTheSameType() {
    for (TableDef table : TABLES) {
      for (ForeignKey fk : table.foreignKeys()) {
        String name = table.name() + "." + fk.column() + " -> " + fk.table();
        Optional<ColumnDef> column = column(table, fk.column());
        assertThat(column).as("%s: column exists", name).isPresent();
        assertThat(BY_NAME).as("%s: table exists", name).containsKey(fk.table());
        TableDef target = BY_NAME.get(fk.table());
        assertThat(column.get().type())
            .as("%s: same type as the key", name)
            .isEqualTo(column(target, target.key()).orElseThrow().type());
      }
    }
  }

  @Test
  void derivedTablesAreWrittenAfterTheTablesTheyReference() {
    List<String> order = Tables.DERIVED.stream().map(t -> t.definition().name()).toList();

    for (DerivedTable derived : Tables.DERIVED) {
      TableDef table = derived.definition();
      for (ForeignKey fk : table.foreignKeys()) {
        assertThat(order.indexOf(fk.table()))
            .as("%s.%s -> %s", table.name(), fk.column(), fk.table())
            .isBetween(0, order.indexOf(table.name()));
      }
    }
  }

  // --- lineage

  @Test
  void derivedTablesAreDimensionsOrOrderScoped() {
    assertThat(Tables.DERIVED)
        .extracting(t -> t.definition().kind())
        .containsOnly(TableKind.DIMENSION, TableKind.ORDER_SCOPED);
  }

  @Test
  void dimensionTablesCarryTheDimensionLineageColumns() {
    assertCarries(TableKind.DIMENSION, Lineage.dimensionColumns());
  }

  @Test
  void orderScopedTablesCarryTheEventLineageColumns() {
    assertCarries(TableKind.ORDER_SCOPED, Lineage.eventColumns());
  }

  private static void assertCarries(TableKind kind, List<ColumnDef> lineage) {
    List<TableDef> ofKind = TABLES.stream().filter(t -> t.kind() == kind).toList();
    assertThat(ofKind).as("tables of kind %s", kind).isNotEmpty();
    for (TableDef table : ofKind) {
      Set<String> nameAndType = new HashSet<>();
      table.columns().forEach(c -> nameAndType.add(c.name() + " " + c.type().sql()));
      assertThat(nameAndType)
          .as(table.name())
          .containsAll(lineage.stream().map(c -> c.name() + " " + c.type().sql()).toList());
    }
  }

  private static Optional<ColumnDef> column(TableDef table, String name) {
    return table.columns().stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
