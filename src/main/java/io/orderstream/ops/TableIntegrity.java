package io.orderstream.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.orderstream.model.ForeignKey;
import io.orderstream.model.TableDef;
import io.orderstream.model.Tables;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.TableLocations;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Checks one tables folder against the guarantees the pipeline makes whatever happened to it
 * (crashes, replays, restarts): every table exists, no key is duplicated or null, and every foreign
 * key value names an existing row of the table it references.
 *
 * <p>The table definitions ({@link Tables}) say which tables, keys and foreign keys there are, so a
 * new table or reference is checked without touching this class.
 */
public final class TableIntegrity {
  private final SparkSession spark;
  private final TableLocations locations;

  public TableIntegrity(SparkSession spark, String tablesRoot) {
    this.spark = spark;
    this.locations = new TableLocations(tablesRoot);
  }

  /**
   * One result per table and check, in table order; a missing table is one failed "exists". Tables
   * are checked side by side: each check is a small query whose time goes mostly to planning and
   * scheduling, which overlap well.
   */
  public List<CheckResult> check() {
    List<CheckResult> results = new ArrayList<>();
    SessionPool.forEach(spark, Tables.all(), this::check).forEach(results::addAll);
    return results;
  }

  /** The checks of one table: exists, then (when it does) key, then each foreign key. */
  public List<CheckResult> check(TableDef def) {
    return check(spark, def);
  }

  private List<CheckResult> check(SparkSession session, TableDef def) {
    if (!exists(session, def.name())) {
      return List.of(
          CheckResult.fail(
              def.name(), "exists", "no Delta table at " + locations.pathOf(def.name())));
    }
    Dataset<Row> rows = read(session, def.name());
    // one aggregation gives the row count and both key checks
    Row stats =
        rows.agg(count(lit(1)), count(col(def.key())), countDistinct(col(def.key()))).first();
    long total = stats.getLong(0);
    List<CheckResult> results = new ArrayList<>();
    results.add(CheckResult.pass(def.name(), "exists", total + " rows"));
    results.add(key(def, total - stats.getLong(1), stats.getLong(1) - stats.getLong(2)));
    def.foreignKeys().forEach(fk -> results.add(foreignKey(session, def, rows, fk)));
    return results;
  }

  /**
   * @param extra rows beyond the first of each key value
   */
  private static CheckResult key(TableDef def, long nulls, long extra) {
    if (extra == 0 && nulls == 0) {
      return CheckResult.pass(def.name(), "key", def.key() + " unique, never null");
    }
    List<String> problems = new ArrayList<>();
    if (extra > 0) {
      problems.add(def.key() + " not unique: " + extra + " more rows than distinct values");
    }
    if (nulls > 0) {
      problems.add(nulls + " rows with a null " + def.key());
    }
    return CheckResult.fail(def.name(), "key", String.join(", ", problems));
  }

  private CheckResult foreignKey(
      SparkSession session, TableDef def, Dataset<Row> rows, ForeignKey fk) {
    String reference = fk.column() + " -> " + fk.table();
    if (!exists(session, fk.table())) {
      return CheckResult.fail(
          def.name(), "foreign key", reference + ": cannot resolve, " + fk.table() + " is missing");
    }
    Dataset<Row> referenced = read(session, fk.table());
    String referencedKey = Tables.byName(fk.table()).key();
    long orphans =
        rows.where(rows.col(fk.column()).isNotNull())
            .join(
                referenced,
                rows.col(fk.column()).equalTo(referenced.col(referencedKey)),
                "left_anti")
            .count();
    return orphans == 0
        ? CheckResult.pass(def.name(), "foreign key", reference + ": every value resolves")
        : CheckResult.fail(
            def.name(),
            "foreign key",
            reference + ": " + orphans + " rows name no " + fk.table() + " row");
  }

  private boolean exists(SparkSession session, String table) {
    return DeltaTable.isDeltaTable(session, locations.pathOf(table));
  }

  private Dataset<Row> read(SparkSession session, String table) {
    return session.read().format("delta").load(locations.pathOf(table));
  }
}
