package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.rotation.RotationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rotation} section of the configuration file. */
class ConfigFileRotationTest {
  private static final Map<String, String> ENV =
      Map.of("COFFER_ROOT_ACCESS_KEY_ID", "AKIDX", "COFFER_ROOT_SECRET_ACCESS_KEY", "secret");

  @TempDir Path dir;

  private ServerConfig load(String yaml) throws IOException {
    Path file = dir.resolve("coffer.yaml");
    Files.writeString(file, yaml);
    return ConfigFile.load(file, ENV);
  }

  @Test
  void load_rotationSection_readsRoutesInOrderAndTimeout() throws IOException {
    ServerConfig config =
        load(
            """
            rotation:
              functions:
                - arn: "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
                  endpoint: "http://127.0.0.1:9000"
                  name: function
                - arn: "arn:aws:lambda:*"
                  endpoint: "http://10.0.0.5:8080"
              timeout: PT2M
            """);
    RotationSettings r = config.rotation();
    assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(r.functions()).hasSize(2);
    assertThat(r.functions().get(0).endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    assertThat(r.functions().get(0).name()).contains("function");
    assertThat(r.functions().get(1).name()).isEmpty();
    assertThat(r.routeFor("arn:aws:lambda:eu-west-1:1:function:x").map(f -> f.endpoint()))
        .isEqualTo(Optional.of(URI.create("http://10.0.0.5:8080")));
  }

  @Test
  void load_withoutRotationSection_reachesNoFunction() throws IOException {
    ServerConfig config = load("accountId: \"123456789012\"\n");
    assertThat(config.rotation().functions()).isEmpty();
    assertThat(config.rotation().timeout()).isEqualTo(RotationSettings.DEFAULT_TIMEOUT);
  }

  @Test
  void load_unknownRotationKey_isRefused() {
    assertThatThrownBy(() -> load("rotation:\n  timout: PT1M\n"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void load_endpointNotHttp_isRefused() {
    assertThatThrownBy(() ->
            load(
                "rotation:\n  functions:\n    - arn: \"*\"\n      endpoint:"
                    + " \"file:///tmp/x\"\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http");
  }
}
