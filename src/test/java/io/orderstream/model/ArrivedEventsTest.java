package io.orderstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * Of identical events in one batch the driver keeps the one Spark's window kept: the first by
 * source, then position, in Spark's order.
 */
class ArrivedEventsTest {
  private final List<Row> rows = new ArrayList<>();
  private final List<Long> positions = new ArrayList<>();

  @Test
  void eventsWithoutCopiesAreAllKeptInTheOrderCollected() {
    add("o1", "h1", "b.json", 0L);
    add("o1", "h2", "a.json", 0L);
    add("o2", "h1", "c.json", 0L);

    ArrivedEvents arrived = new ArrivedEvents(rows, positions);

    assertThat(arrived.repeats()).isFalse();
    assertThat(sources(arrived.firstCopies())).containsExactly("b.json", "a.json", "c.json");
  }

  @Test
  void ofCopiesTheFirstBySourceThenPositionIsKept() {
    add("o1", "h1", "b.jsonl", 0L);
    add("o1", "h1", "a.jsonl", 7L);
    add("o1", "h1", "a.jsonl", 3L);
    add("o2", "h9", "z.json", 0L);

    ArrivedEvents arrived = new ArrivedEvents(rows, positions);

    assertThat(arrived.repeats()).isTrue();
    assertThat(arrived.firstCopies())
        .extracting(r -> r.getAs(OrderEventTable.SOURCE) + "@" + position(r))
        .containsExactly("a.jsonl@3", "z.json@0");
  }

  @Test
  void sourcesCompareByTheirUtf8BytesAsSparkOrdersText() {
    // U+FFFF is EF BF BF in UTF-8 and the emoji F0 9F 98 80: Spark puts U+FFFF first, while
    // Java's String order (UTF-16 units, D83D against FFFF) puts the emoji first.
    String high = "in-\uFFFF.json";
    String emoji = "in-\uD83D\uDE00.json";
    assertThat(emoji.compareTo(high)).isNegative();
    add("o1", "h1", emoji, 0L);
    add("o1", "h1", high, 0L);

    assertThat(sources(new ArrivedEvents(rows, positions).firstCopies())).containsExactly(high);
  }

  @Test
  void aMissingSourceOrPositionComesFirstAsSparkOrdersNulls() {
    add("o1", "h1", "a.json", 0L);
    add("o1", "h1", null, 5L);
    add("o2", "h2", "a.json", 2L);
    add("o2", "h2", "a.json", null);

    assertThat(new ArrivedEvents(rows, positions).firstCopies())
        .extracting(r -> r.getAs(OrderEventTable.SOURCE) + "@" + position(r))
        .containsExactly("null@5", "a.json@null");
  }

  @Test
  void rowsAndPositionsMustPair() {
    add("o1", "h1", "a.json", 0L);
    positions.add(1L);

    assertThatThrownBy(() -> new ArrivedEvents(rows, positions))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 rows but 2 positions");
  }

  private void add(String order, String hash, String source, Long position) {
    Object[] values = new Object[OrderEventTable.DEFINITION.columnNames().size()];
    Arrays.fill(values, null);
    set(values, OrderEventTable.ID, order + ":" + hash);
    set(values, OrderEventTable.ORDER_ID, order);
    set(values, OrderEventTable.EVENT_HASH, hash);
    set(values, OrderEventTable.SOURCE, source);
    set(values, OrderEventTable.UPDATED_AT, Timestamp.valueOf("2024-01-01 00:00:00"));
    rows.add(new GenericRowWithSchema(values, OrderEventTable.DEFINITION.schema()));
    positions.add(position);
  }

  private Long position(Row row) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) == row) {
        return positions.get(i);
      }
    }
    throw new AssertionError("not one of the rows");
  }

  private static void set(Object[] values, String column, Object value) {
    values[OrderEventTable.DEFINITION.columnNames().indexOf(column)] = value;
  }

  private static List<String> sources(List<Row> kept) {
    return kept.stream().map(r -> r.<String>getAs(OrderEventTable.SOURCE)).toList();
  }
}
