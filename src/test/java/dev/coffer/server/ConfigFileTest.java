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
  void load_sealSection_isApplied_andDefaultsToTheKeyFile() throws IOException {
    Path f =
        write(
            """
            dataDir: %s
            seal:
              type: pkcs11
              pkcs11: {library: /opt/hsm/lib.so, slotListIndex: 2, keyLabel: k1, pinEnv: HSM_PIN}
            """
                .formatted(dir.resolve("d3")));
    SealSettings s = ConfigFile.load(f, Map.of()).seal();
    assertThat(s.type()).isEqualTo("pkcs11");
    assertThat(s.pkcs11Library()).isEqualTo("/opt/hsm/lib.so");
    assertThat(s.pkcs11SlotListIndex()).isEqualTo(2);
    assertThat(s.pkcs11KeyLabel()).isEqualTo("k1");
    assertThat(s.pkcs11PinEnv()).isEqualTo("HSM_PIN");
    Path p =
        write(
            "dataDir: %s\nseal: {type: passphrase, passphraseEnv: PW, argon2: {memoryKib: 4096}}\n"
                .formatted(dir.resolve("d4")));
    SealSettings pw = ConfigFile.load(p, Map.of()).seal();
    assertThat(pw.passphraseEnv()).isEqualTo("PW");
    assertThat(pw.argon2MemoryKib()).isEqualTo(4096);
    assertThat(pw.argon2Iterations()).isEqualTo(3);
    assertThat(ConfigFile.load(write("dataDir: " + dir.resolve("d5") + "\n"), Map.of()).seal())
        .isEqualTo(SealSettings.dev());
    assertThatThrownBy(() ->
            ConfigFile.load(
                write("dataDir: " + dir.resolve("d6") + "\nseal: {type: rot13}\n"), Map.of()))
        .hasMessageContaining("seal.type must be one of file, passphrase, shamir, pkcs11");
  }

  @Test
  void load_unknownKey_isRefused() throws IOException {
    Path f = write("listen: {host: 127.0.0.1, prot: 1}\n");
    assertThatThrownBy(() -> ConfigFile.load(f, Map.of())).hasMessageContaining("prot");
  }
}
