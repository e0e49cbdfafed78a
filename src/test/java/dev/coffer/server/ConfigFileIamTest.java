package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code acceptAnyCredentials} key of the configuration file. */
class ConfigFileIamTest {
  @TempDir Path dir;

  private ServerConfig load(String yaml) throws IOException {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "dataDir: " + dir.resolve("data") + "\n" + yaml);
    return ConfigFile.load(f, Map.of());
  }

  @Test
  void load_withoutTheKey_checksSignatures() throws IOException {
    assertThat(load("").iam().acceptAnyCredentials()).isFalse();
  }

  @Test
  void load_acceptAnyCredentialsTrue_turnsTheEmulatorModeOn() throws IOException {
    assertThat(load("acceptAnyCredentials: true\n").iam().acceptAnyCredentials()).isTrue();
    assertThat(load("acceptAnyCredentials: false\n").iam().acceptAnyCredentials()).isFalse();
  }
}
