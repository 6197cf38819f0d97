package io.orderstream.source.inputs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyCheckpointTest {
  @TempDir Path dir;

  @Test
  void aCheckpointOfSparksFileSourceIsRefusedWithTheWayOut() throws IOException {
    Files.createDirectories(dir.resolve("sources/0"));
    Files.writeString(
        dir.resolve("sources/0/0"),
        "v1\n{\"path\":\"file:/in/a.json\",\"timestamp\":1,\"batchId\":0}\n");

    assertThatThrownBy(() -> LegacyCheckpoint.refuse(dir.toString(), new Configuration()))
        .isInstanceOf(OrderstreamException.class)
        .hasMessageContaining("written by orderstream 0.1")
        .hasMessageContaining("start over with a new checkpoint and new tables");
  }

  @Test
  void aNewOrCurrentCheckpointPasses() throws IOException {
    assertThatCode(() -> LegacyCheckpoint.refuse(dir.toString(), new Configuration()))
        .doesNotThrowAnyException();
    Files.createDirectories(dir.resolve("sources/0/inputs"));
    Files.writeString(dir.resolve("sources/0/inputs/0"), "orderstream-inputs v1\n");
    assertThatCode(() -> LegacyCheckpoint.refuse(dir.toString(), new Configuration()))
        .doesNotThrowAnyException();
  }
}
