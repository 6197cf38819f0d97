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
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    OrderstreamException failure =
        ex instanceof OrderstreamException user ? user : Errors.unexpected(ex);
    // Looked up here, not in a static field: this class is loaded for every command line, and
    // starting the logging system costs --help about 0.7 s of its 1.6 s.
    Logger log = LoggerFactory.getLogger(UserErrorHandler.class);
    log.debug("{} failed", cmd.getCommandSpec().qualifiedName(), ex);
    cmd.getErr().println("orderstream: " + failure.getMessage());
    cmd.getErr().flush();
    return failure.exitCode();
  }
}
