package io.orderstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for one test class: Debian's {@code postgresql-NN} binaries, a fresh
 * cluster in a temporary folder, listening on 127.0.0.1 at a free port with password (SCRAM)
 * authentication, stopped by its process id. {@code initdb} refuses to run as root, so as root the
 * binaries run as the {@code postgres} user and the folder (under /tmp, not /root, which postgres
 * cannot enter) belongs to it. {@code fsync=off}: a test cluster need not survive a power cut.
 *
 * <p>Needs the package: {@code apt-get install -y postgresql-15} ({@code .ci/run} installs it).
 */
public final class PostgresServer implements AutoCloseable {
  public static final String USER = "postgres";

  /** The superuser's password of this throw-away cluster. */
  public static final String PASSWORD = "orderstream-test";

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Path folder;
  private final int port;
  private final long pid;

  private PostgresServer(Path folder, int port, long pid) {
    this.folder = folder;
    this.port = port;
    this.pid = pid;
  }

  /** Initializes a cluster in a new temporary folder and starts it. */
  public static PostgresServer start() {
    try {
      Path bin = binaries();
      Path folder = Files.createTempDirectory(Path.of("/tmp"), "orderstream-pg-");
      Path data = folder.resolve("data");
      Path socket = Files.createDirectories(folder.resolve("socket"));
      Path passwordFile =
          Files.writeString(folder.resolve("password"), PASSWORD, StandardCharsets.UTF_8);
      if (isRoot()) {
        run(List.of("chown", "-R", USER + ":" + USER, folder.toString()));
      }
      run(
          asPostgres(
              bin.resolve("initdb").toString(),
              "-D",
              data.toString(),
              "-U",
              USER,
              "--pwfile=" + passwordFile,
              "--auth-host=scram-sha-256",
              "--auth-local=trust",
              "-E",
              "UTF8",
              "--locale=C.UTF-8",
              "--no-sync"));
      int port = freePort();
      run(
          asPostgres(
              bin.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-l",
              folder.resolve("server.log").toString(),
              "-w",
              "-t",
              "60",
              "-o",
              "-c listen_addresses=127.0.0.1 -p "
                  + port
                  + " -c unix_socket_directories="
                  + socket
                  + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
              "start"));
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      return new PostgresServer(folder, port, pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return pid;
  }

  /** The JDBC URL of a database of this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Creates an empty database and returns its JDBC URL. */
  public String createDatabase(String name) {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
      return jdbcUrl(name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
  }

  /** A connection to a database of this server as the superuser. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
  }

  /** Stops the server by its process id (fast shutdown), then removes its folder. */
  @Override
  public void close() {
    Optional<ProcessHandle> server = ProcessHandle.of(pid);
    if (server.isPresent()) {
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, the cluster is left clean
      run(List.of("kill", "-INT", Long.toString(pid)));
      try {
        server.get().onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        server.get().destroyForcibly();
      }
    }
    deleteRecursively(folder);
  }

  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(
                    Comparator.comparingInt(
                        b ->
                            Integer.parseInt(
                                b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        if (newest.isPresent()) {
          return newest.get();
        }
      }
    }
    throw new IllegalStateException(
        "PostgreSQL binaries not found under /usr/lib/postgresql/*/bin;"
            + " install them with: apt-get install -y postgresql-15");
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asPostgres(String... command) {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover folder under /tmp is harmless; the server is already stopped
    }
  }
}
