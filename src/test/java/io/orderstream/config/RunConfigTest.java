package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunConfigTest {

  @Test
  void toStringRedactsSecretSparkValues() {
    RunConfig config =
        new RunConfig(
            "in",
            "tables",
            "cp",
            false,
            Duration.ofSeconds(5),
            10,
            "local[*]",
            Map.of(
                "spark.hadoop.fs.s3a.access.key", "AKIAEXAMPLE",
                "spark.hadoop.fs.s3a.secret.key", "s3cr3t",
                "spark.hadoop.fs.s3a.session.token", "t0k3n",
                "spark.hadoop.fs.s3a.endpoint", "http://minio:9000"));

    assertThat(config.toString())
        .doesNotContain("AKIAEXAMPLE", "s3cr3t", "t0k3n")
        .contains("spark.hadoop.fs.s3a.endpoint=http://minio:9000", "input=in");
    assertThat(config.sparkConf()).containsEntry("spark.hadoop.fs.s3a.secret.key", "s3cr3t");
  }
}
