package io.orderstream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orderstream generate}: placeholder until the generator lands. */
@Command(name = "generate", description = "Write synthetic order events.")
final class GenerateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
