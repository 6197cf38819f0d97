package io.orderstream.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderstream.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product never reaches the tooling: no compiled class outside {@code io.orderstream.tools} and
 * {@code io.orderstream.cli} (whose generate and bench commands drive the tools) names a class of
 * {@code io.orderstream.tools}. Every class a class file refers to is named in its constant pool,
 * as text such as {@code io/orderstream/tools/generate/GeneratorSpec}, so a text scan of the bytes
 * finds every reference, from an import, a type, a call or a constant.
 */
class ToolsApartTest {
  private static final String TOOLS = "io/orderstream/tools/";

  @Test
  void noProductClassRefersToTheTools() {
    List<String> offenders =
        classFiles()
            .filter(name -> !name.startsWith(TOOLS) && !name.startsWith("io/orderstream/cli/"))
            .filter(ToolsApartTest::refersToTools)
            .toList();

    assertThat(offenders).isEmpty();
  }

  @Test
  void scanFindsTheReferencesTheCommandLineHas() {
    // the scan is worth something only if it sees references where they exist
    assertThat(refersToTools("io/orderstream/cli/GenerateCommand.class")).isTrue();
    assertThat(classFiles())
        .contains("io/orderstream/pipeline/Pipeline.class")
        .hasSizeGreaterThan(100);
  }

  private static Stream<String> classFiles() {
    Path root = productClasses();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".class"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean refersToTools(String classFile) {
    try {
      // ISO-8859-1 maps every byte to one char, so the ASCII name is found wherever it is
      String bytes =
          new String(
              Files.readAllBytes(productClasses().resolve(classFile)), StandardCharsets.ISO_8859_1);
      return bytes.contains(TOOLS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** target/classes: where Maven compiled the product (not the tests). */
  private static Path productClasses() {
    try {
      return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
