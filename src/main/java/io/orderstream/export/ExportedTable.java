package io.orderstream.export;

import io.orderstream.model.ColumnDef;
import io.orderstream.model.DerivedTable;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderItemStatusHistoryTable;
import io.orderstream.model.OrderStatusHistoryTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A model table as the database holds it: its definition and the columns that are exported.
 *
 * <p>Every star table, {@code order_promotion} and both status histories are exported whole. {@code
 * order_event_latest} is optional and goes without {@code raw_event}: the event JSON can be
 * megabytes per order and stays in Delta. {@code order_event} and {@code quarantine} are never
 * exported: raw events to derive tables from and unusable input for whoever repairs it, not data to
 * analyse.
 */
public record ExportedTable(TableDef definition, List<ColumnDef> columns) {
  /** Columns of exported tables that stay in Delta. */
  static final Set<String> LEFT_OUT = Set.of("raw_event");

  public ExportedTable {
    columns = List.copyOf(columns);
  }

  public String name() {
    return definition.name();
  }

  public String key() {
    return definition.key();
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnDef::name).toList();
  }

  /**
   * The exported tables, referenced tables before the tables that reference them (the order they
   * are created in).
   *
   * @param withLatestEvents whether {@code order_event_latest} is among them
   */
  public static List<ExportedTable> all(boolean withLatestEvents) {
    List<ExportedTable> tables = new ArrayList<>();
    for (DerivedTable derived : Tables.DERIVED) {
      tables.add(of(derived.definition()));
    }
    tables.add(of(OrderStatusHistoryTable.DEFINITION));
    tables.add(of(OrderItemStatusHistoryTable.DEFINITION));
    if (withLatestEvents) {
      tables.add(of(OrderEventLatestTable.DEFINITION));
    }
    return List.copyOf(tables);
  }

  static ExportedTable of(TableDef definition) {
    return new ExportedTable(
        definition,
        definition.columns().stream().filter(c -> !LEFT_OUT.contains(c.name())).toList());
  }
}
