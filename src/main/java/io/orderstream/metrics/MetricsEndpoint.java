package io.orderstream.metrics;

import io.orderstream.config.RunConfig;
import io.orderstream.config.Setting;
import io.orderstream.error.Errors;
import io.orderstream.pipeline.BatchReport;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of a running pipeline over HTTP in Prometheus' text format, when {@code metrics-port}
 * is set; otherwise nothing listens and {@link #record} does nothing. The server is Prometheus' own
 * (on the JDK's HTTP server); it serves {@code /metrics} and a health check at {@code /-/healthy}.
 * The registry is this endpoint's own, so two pipelines in one JVM never share counts.
 */
public final class MetricsEndpoint implements AutoCloseable, Consumer<BatchReport> {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);

  private final HTTPServer server;
  private final BatchMetrics metrics;

  private MetricsEndpoint(HTTPServer server, BatchMetrics metrics) {
    this.server = server;
    this.metrics = metrics;
  }

  /**
   * Starts listening as the configuration says, or returns an endpoint that records nothing.
   *
   * @throws io.orderstream.error.OrderstreamException (exit 2) naming {@code metrics-port} when the
   *     address cannot be bound: the port is taken, or the host is not this machine's
   */
  public static MetricsEndpoint start(RunConfig config) {
    int port = config.value(Setting.METRICS_PORT);
    if (port == 0) {
      return new MetricsEndpoint(null, null);
    }
    String host = config.value(Setting.METRICS_HOST);
    PrometheusRegistry registry = new PrometheusRegistry();
    BatchMetrics metrics = new BatchMetrics(registry, Clock.systemUTC());
    try {
      HTTPServer server =
          HTTPServer.builder()
              .hostname(host)
              .port(port)
              .registry(registry)
              .registerHealthHandler(true)
              .buildAndStart();
      LOG.info("Serving metrics at http://{}:{}/metrics", host, server.getPort());
      return new MetricsEndpoint(server, metrics);
    } catch (IOException | RuntimeException e) {
      throw Errors.invalidSetting(
          Setting.METRICS_PORT.key(),
          Integer.toString(port),
          "a free port on "
              + host
              + " ("
              + Setting.METRICS_HOST.key()
              + "); listening there failed: "
              + Errors.describe(e));
    }
  }

  /** Counts a committed batch. */
  @Override
  public void accept(BatchReport report) {
    if (metrics != null) {
      metrics.record(report);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
