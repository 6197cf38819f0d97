package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner file of a tables location, without Spark. */
class TableOwnershipTest {
  private static final CheckpointIdentity FIRST = new CheckpointIdentity("orderstream-first", "/t");
  private static final CheckpointIdentity SECOND =
      new CheckpointIdentity("orderstream-second", "/t");

  @Test
  void firstClaimWritesTheOwnerAndTheSameCheckpointMayClaimAgain(@TempDir Path tables)
      throws IOException {
    TableOwnership.claim(tables.toString(), "/cp/first", FIRST, new Configuration());
    TableOwnership.claim(tables.toString(), "/cp/first", FIRST, new Configuration());

    assertThat(Files.readString(tables.resolve(TableOwnership.FILE)))
        .contains("app-id=orderstream-first")
        .contains("/cp/first");
  }

  @Test
  void anotherCheckpointIsRefusedWithExitTwoAndTheWaysOut(@TempDir Path tables) {
    TableOwnership.claim(tables.toString(), "/cp/first", FIRST, new Configuration());

    assertThatThrownBy(
            () ->
                TableOwnership.claim(tables.toString(), "/cp/second", SECOND, new Configuration()))
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("belong to checkpoint '/cp/first' (app id orderstream-first)")
        .hasMessageContaining("not to checkpoint '/cp/second' (app id orderstream-second)")
        .hasMessageContaining("--checkpoint '/cp/first'")
        .hasMessageContaining("deleting both")
        .hasMessageContaining(TableOwnership.FILE);
  }

  @Test
  void deletingTheOwnerFileLetsAnotherCheckpointTakeOver(@TempDir Path tables) throws IOException {
    TableOwnership.claim(tables.toString(), "/cp/first", FIRST, new Configuration());
    Files.delete(tables.resolve(TableOwnership.FILE));

    TableOwnership.claim(tables.toString(), "/cp/second", SECOND, new Configuration());

    assertThatThrownBy(
            () -> TableOwnership.claim(tables.toString(), "/cp/first", FIRST, new Configuration()))
        .isInstanceOf(OrderstreamException.class);
  }

  @Test
  void anOwnerFileCutShortByACrashIsClaimedAgain(@TempDir Path tables) throws IOException {
    Files.createDirectories(tables.resolve(TableOwnership.FILE).getParent());
    Files.writeString(tables.resolve(TableOwnership.FILE), "");

    TableOwnership.claim(tables.toString(), "/cp/second", SECOND, new Configuration());

    assertThat(Files.readString(tables.resolve(TableOwnership.FILE)))
        .contains("app-id=orderstream-second");
  }
}
