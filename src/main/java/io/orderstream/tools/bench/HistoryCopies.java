package io.orderstream.tools.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.xxhash64;

import io.orderstream.model.CustomerTable;
import io.orderstream.model.DeliveryAddressTable;
import io.orderstream.model.ForeignKey;
import io.orderstream.model.OrderEventTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.TableKind;
import io.orderstream.model.Tables;
import io.orderstream.sink.TableLocations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Grows a loaded history by copying it: copy {@code k} of every order gets new keys (text keys end
 * in {@code ~k}, 64-bit hash keys are mixed with a hash of {@code k}), and so do its customer and
 * delivery address, so the tables hold {@code k} times the orders with unique keys and every
 * foreign key resolving. The event log and the status histories are copied with the orders, so the
 * batch timed with history on meets a log and histories as long as the orders (an order line's
 * history names the copy's line, as the copied {@code order_item} row does; a logged event's JSON
 * carries the copy's order id, as the copied event files of {@link #copiedFiles} do). Items,
 * sellers and promotions come from a fixed catalogue and are not copied, as in a real shop whose
 * catalogue grows far slower than its orders.
 *
 * <p>Decoding and deriving half a million events through the pipeline would take most of an hour on
 * two cores; appending copies takes about a minute, and the tables end up with the same rows, bytes
 * and key spread that the batch being timed meets.
 */
final class HistoryCopies {
  private static final Set<String> COPIED_DIMENSIONS =
      Set.of(CustomerTable.NAME, DeliveryAddressTable.NAME);
  private static final String COPY = "copy";

  private final SparkSession spark;
  private final TableLocations tables;
  private final Map<String, Long> baseVersions;

  /** Remembers each table's current version: the history that later copies repeat. */
  HistoryCopies(SparkSession spark, TableLocations tables) {
    this.spark = spark;
    this.tables = tables;
    this.baseVersions = new LinkedHashMap<>();
    for (TableDef def : copiedTables()) {
      baseVersions.put(
          def.name(),
          io.delta.tables.DeltaTable.forPath(spark, tables.pathOf(def.name()))
              .history(1)
              .first()
              .getAs("version"));
    }
  }

  /** Appends copies {@code from} (1 or more) to {@code to} exclusive of the remembered history. */
  void append(int from, int to) {
    Dataset<Row> copies = spark.range(from, to).toDF(COPY);
    for (TableDef def : copiedTables()) {
      Dataset<Row> base =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", baseVersions.get(def.name()))
              .load(tables.pathOf(def.name()));
      rekeyed(def, base.crossJoin(copies))
          .write()
          .format("delta")
          .mode("append")
          .save(tables.pathOf(def.name()));
    }
  }

  /**
   * The raw files of an event store (columns source, content) copied the same way: the order id in
   * each event gets the copy's suffix, so the baseline decodes as many distinct orders as the
   * tables hold.
   */
  static Dataset<Row> copiedFiles(Dataset<Row> files, int from, int to) {
    Dataset<Row> copies = files.sparkSession().range(from, to).toDF(COPY);
    return files
        .crossJoin(copies)
        .select(
            concat(col("source"), lit("~"), col(COPY).cast(DataTypes.StringType)).as("source"),
            withCopysOrderId(col("content").cast(DataTypes.StringType))
                .cast(DataTypes.BinaryType)
                .as("content"));
  }

  /** Event JSON with the order id ({@code txt_detl_idt_pedi_pgto}) given the copy's suffix. */
  private static Column withCopysOrderId(Column json) {
    Column suffixed =
        concat(
            lit("\"txt_detl_idt_pedi_pgto\":\"$1~"),
            col(COPY).cast(DataTypes.StringType),
            lit("\""));
    return regexp_replace(json, lit("\"txt_detl_idt_pedi_pgto\"\\s*:\\s*\"([^\"]*)\""), suffixed);
  }

  private static Dataset<Row> rekeyed(TableDef def, Dataset<Row> rows) {
    Set<String> columns = new HashSet<>();
    columns.add(def.key());
    // order_item_id (the line histories') is no foreign key, so that a dropped line keeps its
    // history, but it names an order_item row all the same: the copy's, as the order id does.
    for (String copiedId : List.of("order_id", "order_item_id")) {
      if (List.of(rows.columns()).contains(copiedId)) {
        columns.add(copiedId);
      }
    }
    for (ForeignKey fk : def.foreignKeys()) {
      if (isCopied(Tables.byName(fk.table()))) {
        columns.add(fk.column());
      }
    }
    Function<String, Column> value =
        name -> {
          if (def.kind() == TableKind.EVENT_LOG && name.equals(OrderEventTable.RAW_EVENT)) {
            // event_hash is kept, though the copy's JSON would hash otherwise: it need only be
            // unique within the order, and no copied order gets an event later.
            return withCopysOrderId(col(name)).as(name);
          }
          if (!columns.contains(name)) {
            return col(name);
          }
          Column original = col(name);
          Column changed =
              rows.schema().apply(name).dataType().equals(DataTypes.LongType)
                  ? original.bitwiseXOR(xxhash64(col(COPY)))
                  : concat(original, lit("~"), col(COPY).cast(DataTypes.StringType));
          return changed.as(name);
        };
    return rows.select(def.columnNames().stream().map(value).toArray(Column[]::new));
  }

  private static List<TableDef> copiedTables() {
    return Tables.all().stream().filter(HistoryCopies::isCopied).toList();
  }

  private static boolean isCopied(TableDef def) {
    return def.kind() == TableKind.ORDER_SCOPED
        || def.kind() == TableKind.LATEST_EVENT
        || def.kind() == TableKind.EVENT_LOG
        || def.kind() == TableKind.STATUS_HISTORY
        || COPIED_DIMENSIONS.contains(def.name());
  }
}
