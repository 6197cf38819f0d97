package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The jars of the local S3 and SQS servers, resolved by Maven from src/test/servers/pom.xml into
 * target/servers/lib (once per checkout; later runs reuse them). They are kept off the test
 * classpath: S3Mock is a Spring Boot 4 application and ElasticMQ brings Pekko and logback, which
 * would clash with Spark's libraries in one JVM, so each server runs as its own process.
 */
public final class ServerJars {
  private static final Path POM = Path.of("src/test/servers/pom.xml");
  private static final Path LIB = Path.of("target/servers/lib");
  private static final Path S3PROXY = Path.of("target/servers/s3proxy");
  private static final String S3PROXY_VERSION = "4.1.0";

  private ServerJars() {}

  /** The folder holding every server jar, resolving them first if needed. */
  public static synchronized Path folder() {
    resolveOnce(
        LIB,
        () ->
            mvn(
                "-f",
                POM.toString(),
                "dependency:copy-dependencies",
                "-DoutputDirectory=" + LIB.toAbsolutePath()));
    return LIB.toAbsolutePath();
  }

  /**
   * S3Proxy's single jar (its dependencies inside), in a folder of its own: on ElasticMQ's {@code
   * lib/*} classpath its bundled Jetty and Jackson would clash. Used where a server must check
   * signatures, which S3Mock does not.
   */
  public static synchronized Path s3Proxy() {
    resolveOnce(
        S3PROXY,
        () ->
            mvn(
                "-f",
                POM.toString(),
                "dependency:copy",
                "-Dartifact=org.gaul:s3proxy:" + S3PROXY_VERSION + ":jar:jar-with-dependencies",
                "-DoutputDirectory=" + S3PROXY.toAbsolutePath()));
    return S3PROXY
        .resolve("s3proxy-" + S3PROXY_VERSION + "-jar-with-dependencies.jar")
        .toAbsolutePath();
  }

  public static Path s3Mock() {
    return folder().resolve("s3mock-5.2.0-exec.jar");
  }

  /** A classpath of every jar in the folder (ElasticMQ and its dependencies). */
  public static String elasticMqClasspath() {
    return folder().resolve("*").toString();
  }

  /**
   * Runs {@code resolve}, which fills {@code folder}, unless an earlier run finished (the folder's
   * {@code .resolved} marker, written last, so an interrupted run is redone). Test JVMs may run
   * side by side: the first to take the folder's lock resolves, the others wait and reuse.
   */
  private static void resolveOnce(Path folder, Runnable resolve) {
    Path done = folder.resolve(".resolved");
    if (Files.exists(done)) {
      return;
    }
    try {
      Files.createDirectories(folder);
      try (FileChannel channel =
              FileChannel.open(
                  folder.resolveSibling("." + folder.getFileName() + ".lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        if (!Files.exists(done)) {
          resolve.run();
          Files.writeString(done, "resolved from " + POM + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void mvn(String... arguments) {
    List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q", "-ntp"));
    command.addAll(List.of(arguments));
    try {
      Process mvn = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(mvn.getInputStream().readAllBytes());
      if (mvn.waitFor() != 0) {
        throw new IllegalStateException(
            "could not resolve the test servers with "
                + String.join(" ", command)
                + ":\n"
                + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
