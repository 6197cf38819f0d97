package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.pipeline.BatchReport;
import io.orderstream.pipeline.RunSummary;
import io.orderstream.sink.MergeMetrics;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --metrics-port}: a real HTTP endpoint around a stand-in pipeline that reports one
 * batch, scraped while the run is in progress, as Prometheus would.
 */
class MetricsEndpointCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();
  private boolean pipelineRan;

  @BeforeEach
  void createDefaultInput() throws IOException {
    Files.createDirectories(dir.resolve("samples/events"));
  }

  @Test
  void servesTheBatchCountsOnLoopbackWhileTheRunLasts() throws Exception {
    int port = freePort();
    StringBuilder scraped = new StringBuilder();
    StringBuilder healthy = new StringBuilder();
    Optional<String> otherAddress = nonLoopbackAddress();
    StringBuilder fromOtherAddress = new StringBuilder();

    int exit =
        run(
            (config, onBatch) -> {
              onBatch.accept(
                  new BatchReport(
                      0,
                      3,
                      40,
                      2,
                      Map.of("not-json", 2L),
                      11,
                      Map.of("order_item", new MergeMetrics(25, 0, 0)),
                      java.time.Instant.EPOCH,
                      7_500,
                      Map.of(),
                      java.util.OptionalLong.of(4)));
              scraped.append(getDuringRun(port, "/metrics"));
              healthy.append(getDuringRun(port, "/-/healthy"));
              otherAddress.ifPresent(address -> fromOtherAddress.append(reachable(address, port)));
              return new RunSummary(1, List.of());
            },
            "--metrics-port",
            Integer.toString(port));

    assertThat(exit).as("%s", err).isZero();
    assertThat(scraped.toString())
        .contains(
            "orderstream_batches_total 1.0",
            "orderstream_events_total 40.0",
            "orderstream_quarantined_total{reason=\"not-json\"} 2.0",
            "orderstream_orders_changed_total 11.0",
            "orderstream_rows_written_total{change=\"inserted\",table=\"order_item\"} 25.0",
            "orderstream_last_batch_duration_seconds 7.5",
            "orderstream_inputs_waiting 4.0",
            "orderstream_batch_duration_seconds_count 1",
            "orderstream_last_batch_age_seconds ");
    assertThat(healthy.toString()).as("the health check answered 200").isNotEmpty();
    if (otherAddress.isPresent()) {
      assertThat(fromOtherAddress.toString())
          .as("the default binds loopback only, so %s:%d refuses", otherAddress.get(), port)
          .isEqualTo("refused");
    }
    assertThatThrownBy(() -> get("127.0.0.1", port, "/metrics"))
        .as("the endpoint stops with the run")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void aPortInUseIsAConfigurationErrorBeforeThePipelineStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      int exit =
          run(
              (config, onBatch) -> {
                pipelineRan = true;
                return new RunSummary(0, List.of());
              },
              "--metrics-port",
              Integer.toString(port));

      assertThat(exit).isEqualTo(2);
      assertThat(pipelineRan).isFalse();
      assertThat(err.toString().lines())
          .singleElement()
          .asString()
          .startsWith(
              "orderstream: Invalid value for metrics-port: '"
                  + port
                  + "'; expected a free port on 127.0.0.1 (metrics-host); listening there failed: ");
    }
  }

  @Test
  void aPortOutOfRangeIsRefusedWithTheExpectedRange() {
    int exit = run((config, onBatch) -> new RunSummary(0, List.of()), "--metrics-port", "70000");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("metrics-port")
        .contains("70000")
        .contains("a port number from 1 to 65535, or 0 for none");
  }

  private int run(RunCommand.PipelineRun pipeline, String... args) {
    return StandInCli.execute(
        RunCommand.class, () -> new RunCommand(Map.of(), dir, pipeline), out, err, "run", args);
  }

  private String get(String host, int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** {@link #get} from inside the stand-in pipeline, which cannot throw checked exceptions. */
  private String getDuringRun(int port, String path) {
    try {
      return get("127.0.0.1", port, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String reachable(String address, int port) {
    try (Socket socket = new Socket(address, port)) {
      return "reachable";
    } catch (IOException e) {
      return "refused";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** An IPv4 address of this machine other than loopback, when it has one. */
  private static Optional<String> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address.getHostAddress());
          }
        }
      }
    }
    return Optional.empty();
  }
}
