package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIdentityTest {

  @Test
  void loadOrCreateKeepsTheFirstAppIdAndLeavesOnlyTheIdentityFile(@TempDir Path checkpoint)
      throws IOException {
    CheckpointIdentity first =
        CheckpointIdentity.loadOrCreate(checkpoint.toString(), "/data/tables", new Configuration());
    CheckpointIdentity again =
        CheckpointIdentity.loadOrCreate(checkpoint.toString(), "/data/tables", new Configuration());

    assertThat(again.appId()).isEqualTo(first.appId()).startsWith("orderstream-");
    try (Stream<Path> files = Files.list(checkpoint)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(name -> !name.endsWith(".crc")))
          .as("no temporary file left beside the identity")
          .containsExactly("orderstream.properties");
    }
  }

  @Test
  void loadOrCreateForOtherTablesIsRefused(@TempDir Path checkpoint) {
    CheckpointIdentity.loadOrCreate(checkpoint.toString(), "/data/tables", new Configuration());

    assertThatThrownBy(
            () ->
                CheckpointIdentity.loadOrCreate(
                    checkpoint.toString(), "/elsewhere", new Configuration()))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining("/elsewhere");
  }
}
