package dev.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("coffer.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void load_everyKey_isApplied() throws IOException {
    Path data = dir.resolve("data");
    Path f =
        write(
            """
            listen: {host: 0.0.0.0, port: 9999}
            dataDir: %s
            storage: {url: "jdbc:postgresql://db:5432/coffer", user: coffer, password: pw}
            accountId: "111122223333"
            regions: [eu-west-1, us-east-1]
            maxRequestBytes: 2048
            housekeepingInterval: PT5M
            """
                .formatted(data));
    ServerConfig c =
        ConfigFile.load(
            f, Map.of("COFFER_ROOT_ACCESS_KEY_ID", "AKIDX", "COFFER_ROOT_SECRET_ACCESS_KEY", "s"));
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(9999);
    assertThat(c.dataDir()).isEqualTo(data);
    assertThat(c.storageUrl()).isEqualTo("jdbc:postgresql://db:5432/coffer");
    assertThat(c.storageUser()).isEqualTo("coffer");
    assertThat(c.storagePassword()).isEqualTo("pw");
    assertThat(c.accountId()).isEqualTo("111122223333");
    assertThat(c.regions()).isEqualTo(List.of("eu-west-1", "us-east-1"));
    assertThat(c.maxBodyBytes()).isEqualTo(2048);
    assertThat(c.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.rootAccessKeyId()).isEqualTo("AKIDX");
  }

  @Test
  void load_emptyFile_usesDefaultsAndGeneratesPrivateRootCredentials() throws IOException {
    Path data = dir.resolve("d2");
    Path f = write("dataDir: " + data + "\n");
    ServerConfig c = ConfigFile.load(f, Map.of());
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(8484);
    assertThat(c.storageUrl()).isEqualTo(ServerConfig.sqliteUrl(data));
    assertThat(c.regions().get(0)).isEqualTo("us-east-1");
    Path creds = data.resolve(RootCredentials.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)))
        .isEqualTo("rw-------");
    // The same keys come back on the next start.
    assertThat(ConfigFile.load(f, Map.of()).rootSecretAccessKey())
        .isEqualTo(c.rootSecretAccessKey());
  }

  @Test
  void load_unknownKey_isRefused() throws IOException {
    Path f = write("listen: {host: 127.0.0.1, prot: 1}\n");
    assertThatThrownBy(() -> ConfigFile.load(f, Map.of())).hasMessageContaining("prot");
  }
}
