package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local server in its own JVM: started on 127.0.0.1, considered ready when its HTTP port answers,
 * stopped through its own process id (never by name), and stopped when the test JVM exits.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

  /** A loaded 2-core machine has taken 80 s to start S3Mock; idle, it takes 5-10 s. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  private static final java.util.Random RANDOM = new java.util.Random();

  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java <jvmArguments>} with its output in {@code log}, and waits for {@code
   * readyUrl}.
   */
  static ServerProcess start(String name, List<String> jvmArguments, Path log, String readyUrl) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArguments);
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      ServerProcess server = new ServerProcess(name, process, log);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-" + name));
      server.awaitReady(readyUrl);
      LOG.info("{} ready at {} (pid {})", name, readyUrl, process.pid());
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A port that was free a moment ago on 127.0.0.1, below Linux's ephemeral range (32768 and up): a
   * server that takes a minute to start on a busy machine would otherwise often find its port taken
   * by some outgoing connection in the meantime.
   */
  public static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20000 + RANDOM.nextInt(12000);
      try (ServerSocket socket =
          new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port found between 20000 and 32000");
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  private void awaitReady(String url) {
    Instant giveUp = Instant.now().plus(START_TIMEOUT);
    while (!answers(url)) {
      if (!process.isAlive() || Instant.now().isAfter(giveUp)) {
        close();
        throw new IllegalStateException(name + " did not start; its log " + log + ":\n" + tail());
      }
      sleep(250);
    }
  }

  private static boolean answers(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(5000);
      int status = connection.getResponseCode();
      connection.disconnect();
      return status > 0;
    } catch (IOException e) {
      return false; // not listening yet
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the process by its id and waits for it to be gone. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
