package io.orderstream.pipeline;

import io.orderstream.config.RunConfig;
import java.util.List;

/** Runs the streaming query for one {@link RunConfig}. Placeholder: the real pipeline is being written. */
public final class Pipeline {
  private final RunConfig config;

  public Pipeline(RunConfig config) {
    this.config = config;
  }

  /**
   * Starts the query and blocks: with {@code once} until everything available is processed, else
   * until the process is stopped.
   */
  public RunSummary run() {
    return new RunSummary(0, List.of());
  }
}
