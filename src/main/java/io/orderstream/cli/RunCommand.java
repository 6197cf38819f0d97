package io.orderstream.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code orderstream run}: placeholder until the config layer lands. */
@Command(name = "run", description = "Run the pipeline.")
final class RunCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
