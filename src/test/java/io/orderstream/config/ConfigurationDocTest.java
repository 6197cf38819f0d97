package io.orderstream.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md documents every setting with the names and default the code uses. */
class ConfigurationDocTest {

  @Test
  void docHasOneRowPerSettingWithItsNamesAndDefault() throws Exception {
    String doc = Files.readString(Path.of("docs/configuration.md")); // surefire runs in the project

    for (Setting<?> setting : Setting.all()) {
      assertThat(doc)
          .as("row for %s", setting)
          .contains(
              "| `"
                  + setting.key()
                  + "` | `"
                  + setting.option()
                  + "` | `"
                  + setting.envVar()
                  + "` | `"
                  + setting.defaultValue()
                  + "` |");
    }
  }
}
