package io.orderstream.testing;

import io.orderstream.model.ForeignKey;
import io.orderstream.model.Lineage;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.OrderItemTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a consistent state of the tables looks like, checked on one read of every table: each
 * foreign key names an existing row, and {@code order_item} holds exactly the lines of the events
 * stored in {@code order_event_latest} (each line from its order's stored event, and every stored
 * order with lines). Tables are small in tests, so their keys are collected and compared in memory:
 * one Spark job per table, few enough to repeat while a pipeline writes.
 */
public final class ConsistencyCheck {
  private ConsistencyCheck() {}

  /** Every violation found, one line each; empty for a consistent state. */
  public static List<String> violations(Function<String, Dataset<Row>> tables) {
    Map<String, Set<Object>> keys = new HashMap<>();
    Map<String, List<Row>> references = new HashMap<>();
    for (TableDef def : Tables.all()) {
      Set<String> columns = new LinkedHashSet<>(List.of(def.key()));
      def.foreignKeys().forEach(fk -> columns.add(fk.column()));
      if (def.name().equals(OrderItemTable.NAME)) {
        columns.addAll(List.of("order_id", Lineage.EVENT_HASH));
      }
      if (def.name().equals(OrderEventLatestTable.NAME)) {
        columns.add(OrderEventLatestTable.EVENT_HASH);
      }
      List<Row> rows =
          tables.apply(def.name()).selectExpr(columns.toArray(String[]::new)).collectAsList();
      references.put(def.name(), rows);
      Set<Object> tableKeys = new HashSet<>();
      rows.forEach(r -> tableKeys.add(r.getAs(def.key())));
      keys.put(def.name(), tableKeys);
    }
    List<String> violations = new ArrayList<>();
    for (TableDef def : Tables.all()) {
      for (ForeignKey fk : def.foreignKeys()) {
        for (Row row : references.get(def.name())) {
          Object value = row.getAs(fk.column());
          if (value != null && !keys.get(fk.table()).contains(value)) {
            violations.add(
                def.name() + "." + fk.column() + "=" + value + " has no " + fk.table() + " row");
          }
        }
      }
    }
    violations.addAll(
        linesMatchStoredEvents(
            references.get(OrderItemTable.NAME), references.get(OrderEventLatestTable.NAME)));
    return violations;
  }

  private static List<String> linesMatchStoredEvents(List<Row> lines, List<Row> latest) {
    Map<String, String> storedEvent = new HashMap<>();
    latest.forEach(
        r -> storedEvent.put(r.getAs("order_id"), r.getAs(OrderEventLatestTable.EVENT_HASH)));
    List<String> violations = new ArrayList<>();
    Set<String> ordersWithLines = new HashSet<>();
    for (Row line : lines) {
      String order = line.getAs("order_id");
      ordersWithLines.add(order);
      String stored = storedEvent.get(order);
      if (stored == null) {
        violations.add(
            "order_item " + line.getAs("id") + " of order " + order + " not in order_event_latest");
      } else if (!stored.equals(line.getAs(Lineage.EVENT_HASH))) {
        violations.add(
            "order_item "
                + line.getAs("id")
                + " comes from another event than order "
                + order
                + "'s stored one");
      }
    }
    storedEvent.keySet().stream()
        .filter(order -> !ordersWithLines.contains(order))
        .forEach(
            order ->
                violations.add("order " + order + " in order_event_latest has no order_item rows"));
    return violations;
  }
}
