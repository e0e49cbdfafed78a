package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compliance.notify.NotificationSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileNotificationsTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, "dataDir: " + dir + "\n" + yaml);
    return f;
  }

  @Test
  void load_notifications_everyKeyApplied() throws IOException {
    NotificationSettings n =
        ConfigFile.load(
                write(
                    "notifications:\n"
                        + "  endpoints: [http://127.0.0.1:9000/a, https://hooks.internal/b]\n"
                        + "  topicName: my-topic\n"
                        + "  pollInterval: PT2S\n"
                        + "  retryBase: PT3S\n"
                        + "  retryMax: PT10M\n"
                        + "  publicUrl: https://coffer.internal:8484\n"),
                Map.of())
            .notifications();
    assertThat(n.endpoints())
        .containsExactly(
            URI.create("http://127.0.0.1:9000/a"), URI.create("https://hooks.internal/b"));
    assertThat(n.topicName()).isEqualTo("my-topic");
    assertThat(n.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(n.publicUrl()).contains(URI.create("https://coffer.internal:8484"));
    assertThat(n.backoff(1)).isEqualTo(Duration.ofSeconds(3));
    assertThat(n.backoff(3)).isEqualTo(Duration.ofSeconds(12));
    assertThat(n.backoff(30)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void load_noSection_sendsNothing() throws IOException {
    NotificationSettings n = ConfigFile.load(write(""), Map.of()).notifications();
    assertThat(n.endpoints()).isEmpty();
    assertThat(n.publicUrl()).isEqualTo(Optional.empty());
  }

  @Test
  void load_nonHttpEndpoint_isRefused() throws IOException {
    Path f = write("notifications:\n  endpoints: [ftp://x/y]\n");
    assertThatThrownBy(() -> ConfigFile.load(f, Map.of())).hasMessageContaining("http(s)");
  }
}
