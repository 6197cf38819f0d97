package io.orderstream.ops;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.orderstream.model.Tables;
import io.orderstream.sink.SessionPool;
import io.orderstream.sink.TableLocations;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Compares every table of two tables folders row for row, ignoring the columns that legitimately
 * differ between two runs over the same input ({@link Tables#RUN_SPECIFIC_COLUMNS}): two runs that
 * processed the same events must leave the same rows, however often either was interrupted.
 *
 * <p>Rows are compared as multisets (what {@code exceptAll} both ways would give), so a duplicated
 * row counts as a difference even when its key check would also catch it.
 */
public final class TableComparison {
  /** Marks which folder a row came from while the two are counted together. */
  private static final String SIDE = "__orderstream_side";

  private final SparkSession spark;
  private final TableLocations here;
  private final TableLocations other;

  public TableComparison(SparkSession spark, String tablesRoot, String otherTablesRoot) {
    this.spark = spark;
    this.here = new TableLocations(tablesRoot);
    this.other = new TableLocations(otherTablesRoot);
  }

  /** One "same rows" result per table, in table order; the tables are compared side by side. */
  public List<CheckResult> compare() {
    return SessionPool.forEach(spark, Tables.all(), (session, def) -> compare(session, def.name()));
  }

  /** Whether {@code table} holds the same rows in both folders. */
  public CheckResult compare(String table) {
    return compare(spark, table);
  }

  private CheckResult compare(SparkSession session, String table) {
    if (!DeltaTable.isDeltaTable(session, here.pathOf(table))
        || !DeltaTable.isDeltaTable(session, other.pathOf(table))) {
      return CheckResult.fail(table, "same rows", "cannot compare: missing in one of the folders");
    }
    Dataset<Row> mine = comparable(session.read().format("delta").load(here.pathOf(table)));
    Dataset<Row> theirs = comparable(session.read().format("delta").load(other.pathOf(table)));
    if (!Arrays.equals(mine.columns(), theirs.columns())) {
      return CheckResult.fail(
          table,
          "same rows",
          "cannot compare: the columns differ: "
              + String.join(",", mine.columns())
              + " vs "
              + String.join(",", theirs.columns()));
    }
    // Each distinct row with how often it occurs on each side, then the surplus on either side:
    // one job instead of two exceptAll counts. Grouping treats nulls as equal, as exceptAll does.
    Row counts =
        mine.withColumn(SIDE, lit(1))
            .unionByName(theirs.withColumn(SIDE, lit(-1)))
            .groupBy(Arrays.stream(mine.columns()).map(functions::col).toArray(Column[]::new))
            .agg(
                sum(when(col(SIDE).equalTo(1), 1).otherwise(0)).as("here"),
                sum(when(col(SIDE).equalTo(-1), 1).otherwise(0)).as("there"))
            .agg(
                sum("here"),
                sum(greatest(col("here").minus(col("there")), lit(0))),
                sum(greatest(col("there").minus(col("here")), lit(0))))
            .first();
    long rows = counts.isNullAt(0) ? 0 : counts.getLong(0);
    long onlyHere = counts.isNullAt(1) ? 0 : counts.getLong(1);
    long onlyThere = counts.isNullAt(2) ? 0 : counts.getLong(2);
    if (onlyHere == 0 && onlyThere == 0) {
      return CheckResult.pass(table, "same rows", "same " + rows + " rows");
    }
    return CheckResult.fail(
        table,
        "same rows",
        onlyHere + " rows only here, " + onlyThere + " rows only in " + other.root());
  }

  /** The table without its run-specific columns, columns sorted by name so both sides line up. */
  public static Dataset<Row> comparable(Dataset<Row> rows) {
    Column[] kept =
        Arrays.stream(rows.columns())
            .filter(c -> !Tables.RUN_SPECIFIC_COLUMNS.contains(c))
            .sorted()
            .map(rows::col)
            .toArray(Column[]::new);
    return rows.select(kept);
  }
}
