package io.orderstream.model;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Base of the derived tables: a definition, and the context rows its column expressions are
 * computed over (one context row per output row; several sources are unioned).
 */
abstract class StarTable implements DerivedTable {
  private final TableDef definition;

  StarTable(TableDef definition) {
    this.definition = definition;
  }

  @Override
  public final TableDef definition() {
    return definition;
  }

  /** The rows of every source, then the personal columns masked as the context says. */
  @Override
  public Dataset<Row> rows(OrderContext context) {
    Dataset<Row> rows =
        sources(context).stream()
            .map(source -> source.select(definition.selection()))
            .reduce(Dataset::unionByName)
            .orElseThrow();
    return context.personalData().apply(definition, rows);
  }

  /** The context rows of this batch, each holding what the column expressions refer to. */
  abstract List<Dataset<Row>> sources(OrderContext context);
}
