package io.orderstream.cli;

import io.orderstream.error.Errors;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Bad command-line usage: the message, a pointer to --help, exit code 2 (not picocli's usage dump).
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    cmd.getErr().println("orderstream: " + message(ex));
    cmd.getErr()
        .println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
    cmd.getErr().flush();
    return Errors.EXIT_USAGE;
  }

  /** A value one of {@link OptionConverters} refused reads like every other bad setting. */
  private static String message(ParameterException ex) {
    if (ex.getCause() instanceof TypeConversionException expected
        && ex.getArgSpec() instanceof OptionSpec option) {
      return Errors.invalidSetting(option.longestName(), ex.getValue(), expected.getMessage())
          .getMessage();
    }
    return ex.getMessage();
  }
}
