package io.orderstream.ops;

/**
 * The outcome of one integrity check on one table.
 *
 * @param table the table checked
 * @param check what was checked: "exists", "key", "foreign key", "same rows"
 * @param passed whether the table passed it
 * @param detail what was found, in words: "270 rows", "item_id -> item: 3 rows with no item row"
 */
public record CheckResult(String table, String check, boolean passed, String detail) {

  static CheckResult pass(String table, String check, String detail) {
    return new CheckResult(table, check, true, detail);
  }

  static CheckResult fail(String table, String check, String detail) {
    return new CheckResult(table, check, false, detail);
  }
}
