package io.orderstream.sink;

import static org.apache.spark.sql.functions.col;

import io.orderstream.model.DerivedTable;
import io.orderstream.model.OrderContext;
import io.orderstream.model.OrderEventLatestTable;
import io.orderstream.model.QuarantineTable;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes one micro-batch to every table, each write idempotent for (app id, batch id).
 *
 * <p>Order matters for readers: dimensions first, then order-scoped tables in foreign-key order,
 * then {@code order_event_latest}. Writing the latest events last means a crash before it leaves
 * them unchanged, so the replayed batch finds the same orders changed and rewrites the same rows.
 */
public final class StarSchemaSink {
  private final TableLocations locations;
  private final DimensionWriter dimensions = new DimensionWriter();
  private final OrderScopedWriter orderScoped = new OrderScopedWriter();
  private final LatestEventWriter latest = new LatestEventWriter();

  public StarSchemaSink(TableLocations locations) {
    this.locations = locations;
  }

  /** Appends rejected inputs (skipped by Delta when this batch already appended them). */
  public void writeQuarantine(Dataset<Row> rejected, BatchTransaction txn) {
    String path = locations.pathOf(QuarantineTable.NAME);
    QuarantineTable.rows(rejected, txn.batchId())
        .write()
        .format("delta")
        .mode("append")
        .option("txnAppId", txn.appId())
        .option("txnVersion", txn.batchId())
        .save(path);
  }

  /**
   * Writes the rows of the changed orders' winning events to every derived table, then the events.
   *
   * @param winners one row per changed order: order_id, updated_at, version, event_hash, raw,
   *     source and the parsed event {@code e}
   * @return changed rows per table, in write order
   */
  public Map<String, MergeMetrics> writeOrders(Dataset<Row> winners, BatchTransaction txn) {
    OrderContext context = new OrderContext(winners, txn.batchId());
    Dataset<Row> changedIds = winners.select(col("order_id"));
    Map<String, MergeMetrics> written = new LinkedHashMap<>();
    for (DerivedTable table : Tables.DERIVED) {
      TableDef def = table.definition();
      String path = locations.pathOf(def.name());
      Dataset<Row> rows = table.rows(context);
      MergeMetrics metrics = switch (def.kind()) {
        case DIMENSION -> dimensions.write(def, rows, path, txn);
        case ORDER_SCOPED -> orderScoped.write(def, rows, changedIds, path, txn);
        default -> throw new IllegalStateException("not a derived table kind: " + def.kind());
      };
      written.put(def.name(), metrics);
    }
    written.put(
        OrderEventLatestTable.NAME,
        latest.write(OrderEventLatestTable.rows(winners, txn.batchId()), locations.pathOf(OrderEventLatestTable.NAME), txn));
    return written;
  }
}
