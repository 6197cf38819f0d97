package io.orderstream.model;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Every table the pipeline maintains. */
public final class Tables {
  /**
   * Derived tables in write order: referenced tables before the tables that reference them, so a
   * row's foreign keys exist by the time the row is written.
   */
  public static final List<DerivedTable> DERIVED =
      List.of(
          new SellerTable(),
          new ItemTable(),
          new CustomerTable(),
          new DeliveryAddressTable(),
          new PromotionTable(),
          new ShipmentTable(),
          new ItemShipmentTable(),
          new OrderPromotionTable(),
          new OrderItemTable());

  /**
   * The event log and the status histories, kept when {@code history} is on: written after the
   * order-scoped tables and before {@code order_event_latest}.
   */
  public static final List<TableDef> HISTORY =
      List.of(
          OrderEventTable.DEFINITION,
          OrderStatusHistoryTable.DEFINITION,
          OrderItemStatusHistoryTable.DEFINITION);

  /**
   * Columns whose values depend on the run, not on the events: the micro-batch that wrote a row,
   * the input file's path, the time of quarantine. Two runs over the same events may differ in
   * these and nothing else.
   */
  public static final Set<String> RUN_SPECIFIC_COLUMNS =
      Set.of(Lineage.BATCH_ID, "source", "quarantined_at");

  /**
   * Tables about the pipeline itself, created and written next to the others but in no manifest:
   * two runs over the same events differ in every row of them.
   */
  public static final List<TableDef> OPERATIONAL = List.of(BatchLogTable.DEFINITION);

  private Tables() {}

  /**
   * All table definitions: derived tables, order_event_latest, the event log and the histories,
   * quarantine.
   */
  public static List<TableDef> all() {
    return Stream.of(
            DERIVED.stream().map(DerivedTable::definition),
            Stream.of(OrderEventLatestTable.DEFINITION),
            HISTORY.stream(),
            Stream.of(QuarantineTable.DEFINITION))
        .flatMap(s -> s)
        .toList();
  }

  public static TableDef byName(String name) {
    return all().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no table " + name));
  }
}
