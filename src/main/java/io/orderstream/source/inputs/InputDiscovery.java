package io.orderstream.source.inputs;

import java.util.List;
import java.util.function.Predicate;

/**
 * Finds the inputs of the next micro-batch for {@link InputStream}, on the driver: by listing a
 * folder, or from notifications naming objects. The stream records what it returns before the batch
 * runs, so a discovery keeps no state that must survive a crash.
 */
public interface InputDiscovery {

  /**
   * The next inputs, none of them {@code planned} already: at most {@code limits.inputs()}, and no
   * more than {@code limits.bytes()} in all unless a single input is larger. Empty when there is
   * nothing new.
   */
  List<InputRef> next(Predicate<String> planned, Limits limits);

  /** For {@code run --once}: from now on offer only inputs that exist at this moment. */
  default void freeze() {}

  /**
   * Every batch up to {@code batchId} is committed in the tables and the checkpoint: what announced
   * its inputs (queue messages) can be let go.
   */
  default void committed(long batchId) {}

  /** The query stopped; release connections. */
  default void stop() {}

  /** How much one batch may take. */
  record Limits(int inputs, long bytes) {}
}
