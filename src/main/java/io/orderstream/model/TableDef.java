package io.orderstream.model;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * An output table: name, purpose, key, columns and foreign keys, in one place.
 *
 * @param name table (and folder) name
 * @param comment what a row is, stored as the Delta table comment
 * @param kind how it is maintained
 * @param key the primary-key column
 * @param columns every column, lineage included, in table order
 * @param foreignKeys columns that reference another table's key
 */
public record TableDef(
    String name,
    String comment,
    TableKind kind,
    String key,
    List<ColumnDef> columns,
    List<ForeignKey> foreignKeys) {

  public TableDef {
    columns = List.copyOf(columns);
    foreignKeys = List.copyOf(foreignKeys);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnDef::name).toList();
  }

  /** The named columns' definitions, in the order given. */
  public List<ColumnDef> columns(String... names) {
    return java.util.Arrays.stream(names)
        .map(
            name ->
                columns.stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(
                        () -> new IllegalArgumentException(this.name + " has no column " + name)))
        .toList();
  }

  /** The selection that turns a derivation context into this table's rows. */
  public Column[] selection() {
    return columns.stream().map(ColumnDef::select).toArray(Column[]::new);
  }

  public StructType schema() {
    return new StructType(
        columns.stream()
            .map(c -> new StructField(c.name(), c.type(), !c.name().equals(key), Metadata.empty()))
            .toArray(StructField[]::new));
  }
}
