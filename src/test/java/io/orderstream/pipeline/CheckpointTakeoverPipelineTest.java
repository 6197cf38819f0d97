package io.orderstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderstream.error.OrderstreamException;
import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new checkpoint over tables another checkpoint wrote (the checkpoint folder deleted, say) is
 * refused before anything is written; taken over deliberately, it reads the input again and doubles
 * nothing, quarantine included.
 */
@SparkTest
class CheckpointTakeoverPipelineTest {

  @Test
  void newCheckpointIsRefusedAndADeliberateTakeOverDoublesNothing(@TempDir Path dir)
      throws IOException {
    PipelineHarness pipeline =
        new PipelineHarness(dir)
            .add("lifecycle", List.of("WOZ1830024297368_3.json"))
            .write("broken.json", "{\"txt_detl_idt_pedi_pgto\": ");
    pipeline.runOnce();
    assertThat(pipeline.table("quarantine").count()).isEqualTo(1);
    Map<String, List<String>> tables = pipeline.snapshot();
    Map<String, Long> versions = pipeline.versions();

    FileUtils.deleteDirectory(pipeline.checkpoint().toFile());
    assertThatThrownBy(pipeline::runOnce)
        .isInstanceOfSatisfying(
            OrderstreamException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("belong to checkpoint")
        .hasMessageContaining(TableOwnership.FILE);
    assertThat(pipeline.versions()).as("nothing written").isEqualTo(versions);

    Files.delete(pipeline.tables().resolve(TableOwnership.FILE));
    RunSummary takeOver = pipeline.runOnce();

    assertThat(takeOver.batches()).as("the input is read again").isEqualTo(1);
    assertThat(pipeline.snapshot()).as("the same rows, none doubled").isEqualTo(tables);
    pipeline.assertKeysAndForeignKeys();
  }
}
