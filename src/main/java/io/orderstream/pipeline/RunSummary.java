package io.orderstream.pipeline;

import java.util.List;

/**
 * What one {@code run} did, for the CLI to print.
 *
 * @param batches micro-batches that wrote something during this run
 * @param tables every table the pipeline maintains with its row count at the end of the run
 */
public record RunSummary(long batches, List<TableCount> tables) {

  /** One table and how many rows it holds. */
  public record TableCount(String table, long rows) {}

  public RunSummary {
    tables = List.copyOf(tables);
  }
}
