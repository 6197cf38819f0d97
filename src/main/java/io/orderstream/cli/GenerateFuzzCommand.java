package io.orderstream.cli;

import io.orderstream.error.Errors;
import io.orderstream.tools.generate.fuzz.FuzzCorpus;
import io.orderstream.tools.generate.fuzz.FuzzManifest;
import io.orderstream.tools.generate.fuzz.FuzzSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code orderstream generate fuzz}: writes a fuzz corpus ({@link FuzzCorpus}) and its manifest.
 * {@code --out}, {@code --orders} and {@code --seed} are {@code generate}'s, inherited.
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Write a fuzz corpus: the orders' events among broken, odd and schema-drifted inputs, plus"
          + " "
          + FuzzManifest.FILE_NAME
          + " saying what each input must become.",
      "The same options and seed always produce byte-identical files."
    })
final class GenerateFuzzCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @ParentCommand GenerateCommand generate;

  @Option(
      names = "--size-mb",
      defaultValue = "30",
      paramLabel = "MB",
      description =
          "Size of the one large JSON Lines file, 0 for none, at most "
              + (FuzzSpec.MAX_BIG_FILE_BYTES >> 20)
              + " (default: ${DEFAULT-VALUE}).")
  double sizeMb;

  @Override
  public Integer call() {
    GenerateCommand.requireRange("--orders", generate.orders, FuzzSpec.MAX_ORDERS);
    if (!(sizeMb >= 0 && sizeMb <= FuzzSpec.MAX_BIG_FILE_BYTES >> 20)) {
      throw Errors.invalidSetting(
          "--size-mb",
          String.valueOf(sizeMb),
          "a size in MB from 0 to " + (FuzzSpec.MAX_BIG_FILE_BYTES >> 20));
    }
    FuzzSpec fuzzSpec = FuzzSpec.ofMegabytes(generate.seed, generate.orders, sizeMb);
    if (generate.destination.kafkaTopic != null) {
      throw Errors.invalidSetting(
          "--kafka-topic",
          generate.destination.kafkaTopic,
          "no topic: a fuzz corpus is files, written to --out");
    }
    if (generate.destination.out == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--out=DIR'");
    }
    Path dir = GenerateCommand.writableFolder(generate.destination.out);
    FuzzCorpus corpus = FuzzCorpus.generate(fuzzSpec);
    corpus.write(dir);
    FuzzManifest manifest = corpus.manifest();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "Wrote a fuzz corpus of %d files (%d bytes) to %s (seed %d): %d inputs, %d events that must land"
            + " (%d orders), %d to quarantine %s.%n",
        manifest.files().size(),
        manifest.bytes(),
        dir,
        fuzzSpec.seed(),
        manifest.inputs(),
        manifest.events(),
        manifest.winners().size(),
        manifest.quarantined(),
        manifest.quarantinedByReason());
    o.println("Expected outcome of every input: " + dir.resolve(FuzzManifest.FILE_NAME));
    o.flush();
    return 0;
  }
}
