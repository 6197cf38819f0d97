package io.orderstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.event.DecodeResult;
import io.orderstream.event.EventDecoder;
import io.orderstream.tools.generate.GeneratedEvent;
import io.orderstream.tools.generate.GeneratorSpec;
import io.orderstream.tools.generate.SampleGenerator;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * A backlog's batch decodes its events' statuses in slices side by side: the periods are those each
 * order gets when its events are decoded alone, in the same order.
 */
class StatusHistoryFromEventLogTest {

  @Test
  void manyOrdersDecodedInSlicesGetTheirPeriodsAsEachAlone() {
    List<Row> logged = new ArrayList<>();
    EventDecoder decoder = new EventDecoder();
    // About 6,000 events: three slices and more wherever there are cores for them.
    for (GeneratedEvent generated : SampleGenerator.generate(GeneratorSpec.of(1_000, 11))) {
      String source = "in/" + logged.size() + ".json";
      DecodeResult.Event event =
          (DecodeResult.Event)
              decoder.decodeBytes(generated.json().getBytes(StandardCharsets.UTF_8), source).get(0);
      logged.add(row(event));
    }
    assertThat(logged).hasSizeGreaterThan(5_000);
    Timestamp storedWinner = Timestamp.valueOf("2020-01-01 00:00:00");

    StatusPeriods.Rows together = StatusHistory.fromEventLog(logged, o -> storedWinner, 3);

    Map<String, List<Row>> byOrder = new LinkedHashMap<>();
    logged.forEach(
        r ->
            byOrder
                .computeIfAbsent(r.getAs(OrderEventTable.ORDER_ID), o -> new ArrayList<>())
                .add(r));
    List<Row> orders = new ArrayList<>();
    List<Row> items = new ArrayList<>();
    byOrder.values().stream()
        .map(events -> StatusHistory.fromEventLog(events, o -> storedWinner, 3))
        .forEach(
            alone -> {
              orders.addAll(alone.orders());
              items.addAll(alone.items());
            });
    assertThat(together.orders()).hasSizeGreaterThan(byOrder.size()).isEqualTo(orders);
    assertThat(together.items()).isNotEmpty().isEqualTo(items);
  }

  private static Row row(DecodeResult.Event event) {
    Object[] values = new Object[OrderEventTable.DEFINITION.columnNames().size()];
    set(values, OrderEventTable.ID, event.orderId() + ":" + event.eventHash());
    set(values, OrderEventTable.ORDER_ID, event.orderId());
    set(values, OrderEventTable.UPDATED_AT, Timestamp.from(event.updatedAt()));
    set(values, OrderEventTable.UPDATED_AT_NANOS, 0);
    set(values, OrderEventTable.VERSION, event.version());
    set(values, OrderEventTable.EVENT_HASH, event.eventHash());
    set(values, OrderEventTable.RAW_EVENT, event.rawJson());
    set(values, OrderEventTable.SOURCE, event.source());
    set(values, Lineage.BATCH_ID, 3L);
    return new GenericRowWithSchema(values, OrderEventTable.DEFINITION.schema());
  }

  private static void set(Object[] values, String column, Object value) {
    values[OrderEventTable.DEFINITION.columnNames().indexOf(column)] = value;
  }
}
