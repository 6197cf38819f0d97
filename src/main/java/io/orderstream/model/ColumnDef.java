package io.orderstream.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;

/**
 * One column of an output table: the single source of its name, type, comment, lineage and of the
 * expression that derives it. DDL, writes, the table reference and tests all read it.
 *
 * @param name column name as in the star-schema diagram
 * @param type Spark/Delta type
 * @param comment what the column means, stored as the Delta column comment
 * @param source the JSON path (or rule) it comes from, for the docs and the comment
 * @param expression how to compute it over the table's derivation context
 * @param backfill how to fill the column in rows stored before it existed, from their other
 *     columns; null when such rows keep null
 * @param personal whether it holds personal data that {@code personal-columns} hashes or drops (see
 *     {@link PersonalDataMask}); never a key or foreign key
 */
public record ColumnDef(
    String name,
    DataType type,
    String comment,
    String source,
    Column expression,
    Column backfill,
    boolean personal) {

  public ColumnDef(String name, DataType type, String comment, String source, Column expression) {
    this(name, type, comment, source, expression, null, false /* not personal */);
  }

  /** This column, filled in stored rows by {@code fromStoredColumns} when a table gains it. */
  public ColumnDef withBackfill(Column fromStoredColumns) {
    return new ColumnDef(name, type, comment, source, expression, fromStoredColumns, personal);
  }

  /** This column, marked as holding personal data. */
  public ColumnDef asPersonal() {
    return new ColumnDef(name, type, comment, source, expression, backfill, true /* personal */);
  }

  /** The comment stored in Delta: meaning plus origin. */
  public String fullComment() {
    return source.isEmpty() ? comment : comment + " (from " + source + ")";
  }

  /** The expression cast to the declared type and named. */
  public Column select() {
    return expression.cast(type).as(name);
  }
}
