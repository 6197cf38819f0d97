package io.orderstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.testing.PipelineHarness;
import io.orderstream.testing.SparkTest;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@SparkTest
class SessionPoolTest {
  private static final String DESCRIPTION = "spark.job.description";
  private final SparkContext context = PipelineHarness.spark().sparkContext();

  @AfterEach
  void clearDescription() {
    context.setLocalProperty(DESCRIPTION, null);
  }

  @Test
  void aTaskRunsUnderTheSubmittersJobDescriptionNotTheOneItsThreadWasCreatedUnder() {
    try (SessionPool pool = new SessionPool(PipelineHarness.spark(), 1)) {
      context.setLocalProperty(DESCRIPTION, "batch = 0");
      assertThat(pool.runAll(List.of(descriptionSeen()))).containsExactly("batch = 0");

      context.setLocalProperty(DESCRIPTION, "batch = 1");
      assertThat(pool.runAll(List.of(descriptionSeen()))).containsExactly("batch = 1");

      context.setLocalProperty(DESCRIPTION, null);
      assertThat(pool.runAll(List.of(descriptionSeen()))).containsOnlyNulls();
    }
  }

  private Function<SparkSession, String> descriptionSeen() {
    return session -> session.sparkContext().getLocalProperty(DESCRIPTION);
  }
}
