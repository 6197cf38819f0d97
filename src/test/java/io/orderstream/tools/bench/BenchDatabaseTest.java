package io.orderstream.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.Errors;
import io.orderstream.error.OrderstreamException;
import io.orderstream.export.ExportConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The export part's own database sits on the server the user names, beside the user's database. */
class BenchDatabaseTest {
  @Test
  void withDatabaseKeepsServerPortAndParameters() {
    assertThat(
            BenchDatabase.withDatabase(
                "jdbc:postgresql://127.0.0.1:5432/orders?sslmode=disable&tcpKeepAlive=true", "b"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/b?sslmode=disable&tcpKeepAlive=true");
    assertThat(BenchDatabase.withDatabase("jdbc:postgresql://localhost/orders", "b"))
        .isEqualTo("jdbc:postgresql://localhost/b");
    assertThat(BenchDatabase.withDatabase("jdbc:postgresql://localhost:5433", "b"))
        .isEqualTo("jdbc:postgresql://localhost:5433/b");
  }

  @Test
  void databaseOfReadsTheNameOrNothing() {
    assertThat(BenchDatabase.databaseOf("jdbc:postgresql://127.0.0.1:5432/orders?user=x"))
        .isEqualTo("orders");
    assertThat(BenchDatabase.databaseOf("jdbc:postgresql://127.0.0.1:5432/")).isEmpty();
    assertThat(BenchDatabase.databaseOf("jdbc:postgresql://127.0.0.1:5432")).isEmpty();
  }

  @Test
  void sqliteUrlIsRefusedNamingTheSettingAndWhatIsExpected() {
    assertThatThrownBy(() -> BenchDatabase.databaseOf("jdbc:sqlite:orders.db"))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining("--jdbc-url")
        .hasMessageContaining("jdbc:sqlite:orders.db")
        .hasMessageContaining("a PostgreSQL URL")
        .satisfies(
            e -> assertThat(((OrderstreamException) e).exitCode()).isEqualTo(Errors.EXIT_USAGE));
  }

  @Test
  void theBenchmarksOwnDatabaseIsRefusedAsTheGivenOne() {
    ExportConfig given =
        new ExportConfig(
            "t",
            "jdbc:postgresql://127.0.0.1:5432/" + BenchDatabase.NAME,
            "postgres",
            "secret",
            false /* no follow */,
            Duration.ofSeconds(1),
            false /* without latest events */);

    assertThatThrownBy(() -> new BenchDatabase(given))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining("--jdbc-url")
        .hasMessageContaining("a database other than " + BenchDatabase.NAME);
  }
}
