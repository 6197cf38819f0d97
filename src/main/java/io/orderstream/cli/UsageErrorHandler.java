package io.orderstream.cli;

import io.orderstream.error.Errors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad command-line usage: the message, a pointer to --help, exit code 2 (not picocli's usage dump). */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("orderstream: " + ex.getMessage());
    cmd.getErr().println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    cmd.getErr().flush();
    return Errors.EXIT_USAGE;
  }
}
