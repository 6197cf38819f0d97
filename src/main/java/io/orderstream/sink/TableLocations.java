package io.orderstream.sink;

/** Where each table lives: one folder per table under the tables root (any Hadoop URI). */
public record TableLocations(String root) {

  public TableLocations {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String pathOf(String table) {
    return root + "/" + table;
  }
}
