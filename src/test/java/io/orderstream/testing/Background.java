package io.orderstream.testing;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Work a test runs beside its main thread (a reference pipeline run while children crash). */
public final class Background {
  private Background() {}

  /**
   * Waits for {@code work} to end, ignoring its failure: for clean-up after a test that may have
   * failed before it joined the work itself, so nothing keeps running into the next test.
   */
  public static void awaitQuietly(CompletableFuture<?> work) {
    if (work == null) {
      return;
    }
    try {
      work.join();
    } catch (CompletionException | CancellationException ignored) {
      // the test that started it reports its failure, if it got that far
    }
  }
}
