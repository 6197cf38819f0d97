package io.orderstream.cli;

import io.orderstream.error.OrderstreamException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an {@link OrderstreamException} into one clear line on stderr and its exit code; anything
 * else is a bug or an environment failure and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) throws Exception {
    if (ex instanceof OrderstreamException user) {
      cmd.getErr().println("orderstream: " + user.getMessage());
      cmd.getErr().flush();
      return user.exitCode();
    }
    throw ex;
  }
}
