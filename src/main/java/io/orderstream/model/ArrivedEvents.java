package io.orderstream.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A batch's valid events as {@code order_event} rows on the driver, each with its position in its
 * input, so that of identical events (the same id) the batch keeps the one that arrived first
 * without a Spark job.
 *
 * <p>"First" is Spark's ascending order of {@code (source, position)}, which the rule was stated in
 * and which {@code rebuild}'s Spark path keeps: nulls first, text by its UTF-8 bytes (not Java's
 * UTF-16 order, which differs for characters outside the Basic Multilingual Plane).
 *
 * @param rows the events, in the order collected
 * @param positions each row's position in its input (null when it has none)
 */
public record ArrivedEvents(List<Row> rows, List<Long> positions) {
  private static final Comparator<String> SPARK_TEXT_ORDER =
      Comparator.nullsFirst(Comparator.comparing(UTF8String::fromString, UTF8String::compareTo));
  private static final Comparator<Long> SPARK_NUMBER_ORDER =
      Comparator.nullsFirst(Comparator.naturalOrder());

  public ArrivedEvents {
    if (rows.size() != positions.size()) {
      throw new IllegalArgumentException(
          rows.size() + " rows but " + positions.size() + " positions");
    }
  }

  /**
   * The batch's decoded valid events ({@code event.DecodedRows} columns) as {@code order_event}
   * rows stored by {@code batchId}, collected once.
   */
  public static ArrivedEvents collect(Dataset<Row> events, long batchId) {
    Column[] table = OrderEventTable.DEFINITION.selection();
    Column[] selection = Arrays.copyOf(table, table.length + 1);
    selection[table.length] = col("position");
    StructType schema = OrderEventTable.DEFINITION.schema();
    List<Row> rows = new ArrayList<>();
    List<Long> positions = new ArrayList<>();
    for (Row row :
        events.withColumn(Lineage.BATCH_ID, lit(batchId)).select(selection).collectAsList()) {
      Object[] values = new Object[table.length];
      for (int c = 0; c < values.length; c++) {
        values[c] = row.get(c);
      }
      rows.add(new GenericRowWithSchema(values, schema));
      positions.add(row.isNullAt(table.length) ? null : row.getLong(table.length));
    }
    return new ArrivedEvents(rows, positions);
  }

  /** Whether two of the events are the same event (the same {@code order_event} id). */
  public boolean repeats() {
    Set<String> ids = new HashSet<>();
    for (Row row : rows) {
      if (!ids.add(row.getAs(OrderEventTable.ID))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Each distinct event once: of identical events, the first by source and then position. The kept
   * rows stay in the order collected.
   */
  public List<Row> firstCopies() {
    Map<String, Integer> firstById = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      firstById.merge(
          rows.get(i).getAs(OrderEventTable.ID),
          i,
          (kept, next) -> arrivesBefore(next, kept) ? next : kept);
    }
    boolean[] kept = new boolean[rows.size()];
    firstById.values().forEach(i -> kept[i] = true);
    List<Row> first = new ArrayList<>(firstById.size());
    for (int i = 0; i < rows.size(); i++) {
      if (kept[i]) {
        first.add(rows.get(i));
      }
    }
    return first;
  }

  private boolean arrivesBefore(int one, int other) {
    int bySource =
        SPARK_TEXT_ORDER.compare(
            rows.get(one).getAs(OrderEventTable.SOURCE),
            rows.get(other).getAs(OrderEventTable.SOURCE));
    if (bySource != 0) {
      return bySource < 0;
    }
    return SPARK_NUMBER_ORDER.compare(positions.get(one), positions.get(other)) < 0;
  }
}
