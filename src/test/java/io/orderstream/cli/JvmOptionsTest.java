package io.orderstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The launcher (bin/jvm-options) and the tests (pom.xml's spark.jvm.opens, surefire's argLine) must
 * give Spark the same JVM flags; this fails when one list changes without the other. Surefire runs
 * tests from the project folder, so the paths are relative to it.
 */
class JvmOptionsTest {

  @Test
  void launcherFlagsEqualPomSparkJvmOpens() throws Exception {
    assertThat(launcherFlags()).isNotEmpty().containsExactlyElementsOf(pomFlags());
  }

  private static List<String> launcherFlags() throws IOException {
    return Files.readAllLines(Path.of("bin/jvm-options")).stream()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static List<String> pomFlags() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    String opens = pom.getElementsByTagName("spark.jvm.opens").item(0).getTextContent();
    return Arrays.stream(opens.strip().split("\\s+")).toList();
  }
}
