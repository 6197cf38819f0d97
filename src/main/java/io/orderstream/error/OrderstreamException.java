package io.orderstream.error;

/**
 * The one exception type the application raises for conditions a user can act on.
 *
 * <p>Instances come only from {@link Errors}, so every message follows the same shape: what failed,
 * the value involved, and what to do about it. {@link #exitCode()} is the process exit code the CLI
 * uses for it.
 */
public final class OrderstreamException extends RuntimeException {
  private final int exitCode;

  OrderstreamException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
