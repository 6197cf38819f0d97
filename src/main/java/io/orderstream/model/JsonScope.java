package io.orderstream.model;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.types.DataType;

/**
 * A part of the event a table reads its fields from: the column that holds it in the {@link
 * OrderContext} rows, and the JSON path it stands for. A field is then named once, relative to its
 * scope, and both its column expression and its documented source follow from that.
 *
 * @param column the context's column (or alias) holding the scope, such as {@code ship}
 * @param json the JSON path of the scope in the event, such as {@code list_envo[]}; empty for the
 *     event
 */
record JsonScope(String column, String json) {
  /** The winning event itself. */
  static final JsonScope EVENT = new JsonScope(Winners.EVENT, "");

  /** One order line of the winning event. */
  static final JsonScope LINE = new JsonScope("line", "list_item_pedi[]");

  /** One promotion applied to the order. */
  static final JsonScope PROMOTION = new JsonScope("promo", "list_prmo[]");

  /** One shipment of the order. */
  static final JsonScope SHIPMENT = new JsonScope("ship", "list_envo[]");

  /** One item entry of a shipment. */
  static final JsonScope SHIPPED_ITEM = new JsonScope("si", "list_envo[].list_item_envo[]");

  /** The object {@code field} of this scope as a scope of its own. */
  JsonScope nested(String field) {
    return new JsonScope(column + "." + field, path(field));
  }

  /**
   * A column read straight from {@code field} (a path relative to this scope), documented as its
   * JSON path.
   */
  ColumnDef field(String name, DataType type, String comment, String field) {
    return new ColumnDef(name, type, comment, path(field), col(column + "." + field));
  }

  private String path(String field) {
    return json.isEmpty() ? field : json + "." + field;
  }
}
