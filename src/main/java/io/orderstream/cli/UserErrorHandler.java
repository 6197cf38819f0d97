package io.orderstream.cli;

import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns whatever ends a command into one line on stderr, {@code orderstream: <cause>; <what to
 * do>}, and its exit code: an {@link OrderstreamException} as it is, anything else (a storage
 * failure, a bug) through {@link Errors#unexpected}, exit 1. The stack trace goes to the log at
 * DEBUG, shown with {@code --verbose}, never on its own to the user.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    OrderstreamException failure =
        ex instanceof OrderstreamException user ? user : Errors.unexpected(ex);
    LOG.debug("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
    cmd.getErr().println("orderstream: " + failure.getMessage());
    cmd.getErr().flush();
    return failure.exitCode();
  }
}
