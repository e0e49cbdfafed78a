package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.SecretBytes;
import dev.coffer.crypto.TestRootKeys;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What reaches storage is ciphertext only: after secrets are written, neither their values, nor any
 * KMS key material, nor a data key, nor the root key (of any generation, after a rotation too)
 * appears in the bytes of the data directory (SQLite database, key files and all) or of every
 * PostgreSQL table. Only the dev seal's own key file holds a key in clear, and it is not the root
 * key.
 */
abstract class AtRestContract {
  abstract Backend backend();

  @Test
  void storage_afterSecretWrites_holdsNoPlaintextValueOrKeyMaterial() throws Exception {
    String marker = "MARKER-" + UUID.randomUUID();
    byte[] binaryMarker = ("BIN-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String name = "at-rest/" + UUID.randomUUID();
    byte[] dataKey;
    try (TestServer server = TestServer.start(backend());
        SecretsManagerClient sm = server.secretsManager();
        KmsClient kms = server.kms()) {
      String keyId = kms.createKey(b -> {}).keyMetadata().keyId();
      sm.createSecret(b -> b.name(name).secretString(marker));
      sm.createSecret(b -> b.name(name + "-cmk").kmsKeyId(keyId).secretString(marker + "-cmk"));
      sm.createSecret(
          b -> b.name(name + "-bin").secretBinary(SdkBytes.fromByteArray(binaryMarker)));
      kms.rotateKeyOnDemand(b -> b.keyId(keyId));
      sm.putSecretValue(b -> b.secretId(name + "-cmk").secretString(marker + "-rotated"));
      dataKey =
          kms.generateDataKey(b -> b.keyId(keyId).keySpec(DataKeySpec.AES_256))
              .plaintext()
              .asByteArray();
      assertThat(sm.getSecretValue(b -> b.secretId(name)).secretString()).isEqualTo(marker);
      // A second root generation: its key must not leak either, nor the first one's.
      assertThat(
              server
                  .cofferClient()
                  .call("Coffer_Operator_20261101.RotateRoot", "{}")
                  .body()
                  .path("RootGeneration")
                  .asInt())
          .isEqualTo(2);
      awaitRewrap(server);
      sm.createSecret(b -> b.name(name + "-after").secretString(marker + "-after"));

      Path sealKeyFile = server.dataDir().resolve("seal.key");
      byte[] stored = storedBytes(server, sealKeyFile);
      byte[] everything = storedBytes(server, server.dataDir().resolve("no-such-file"));
      List<RootKeyring.Generation> generations = generations(server);
      List<byte[]> materials;
      List<byte[]> roots = new ArrayList<>();
      try (RootKeyring ring = TestRootKeys.open(sealKeyFile, generations)) {
        materials = unwrappedMaterials(server, ring);
        for (RootKeyring.Generation g : generations) {
          roots.add(TestRootKeys.keyBytes(ring, g.id()));
        }
      }

      // The scan does see the stored data: the secret's name (not secret) is there.
      assertThat(contains(stored, name.getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(materials).hasSizeGreaterThanOrEqualTo(3);

      assertThat(contains(stored, marker.getBytes(StandardCharsets.UTF_8))).isFalse();
      assertThat(contains(stored, binaryMarker)).isFalse();
      assertThat(contains(stored, dataKey)).isFalse();
      for (byte[] material : materials) {
        assertThat(contains(stored, material)).isFalse();
      }
      assertThat(roots).hasSize(2);
      for (byte[] root : roots) {
        assertThat(contains(everything, root)).isFalse();
      }
      assertThat(server.dataDir().resolve("root.key")).doesNotExist();
    }
  }

  private static void awaitRewrap(TestServer server) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      var s = server.cofferClient().call("Coffer_Operator_20261101.Status", "{}").body();
      if (!s.path("RewrapInProgress").asBoolean() && s.path("RewrapRemaining").asLong() == 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the root key re-wrap did not finish");
  }

  private static List<RootKeyring.Generation> generations(TestServer server) throws SQLException {
    List<RootKeyring.Generation> out = new ArrayList<>();
    try (Connection c = connect(server);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT generation, sealed, seal_type, active FROM root_keys")) {
      while (rs.next()) {
        out.add(
            new RootKeyring.Generation(
                rs.getInt(1), rs.getBytes(2), rs.getString(3), rs.getLong(4) != 0));
      }
    }
    return out;
  }

  /** Every byte the backend holds, except the file {@code skipped}. */
  private byte[] storedBytes(TestServer server, Path skipped) throws IOException, SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.equals(skipped)) {
          out.writeBytes(Files.readAllBytes(f));
        }
      }
    }
    if (backend() == Backend.POSTGRESQL) {
      try (Connection c = connect(server);
          Statement s = c.createStatement();
          ResultSet tables =
              s.executeQuery(
                  "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
        List<String> names = new ArrayList<>();
        while (tables.next()) {
          names.add(tables.getString(1));
        }
        for (String table : names) {
          dumpTable(c, table, out);
        }
      }
    }
    return out.toByteArray();
  }

  private static void dumpTable(Connection c, String table, ByteArrayOutputStream out)
      throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          byte[] v =
              rs.getMetaData().getColumnTypeName(i).equals("bytea")
                  ? rs.getBytes(i)
                  : String.valueOf(rs.getString(i)).getBytes(StandardCharsets.UTF_8);
          if (v != null) {
            out.writeBytes(v);
          }
        }
      }
    }
  }

  /** The KMS key material in clear, unwrapped here with the root key (which the test can open). */
  private static List<byte[]> unwrappedMaterials(TestServer server, RootKeyring ring)
      throws SQLException {
    List<byte[]> out = new ArrayList<>();
    KeyBarrier barrier = new KeyBarrier(ring);
    try (Connection c = connect(server);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT key_id, version, root_generation, wrapped FROM kms_key_material")) {
      while (rs.next()) {
        SecretBytes m = barrier.unwrap(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBytes(4));
        out.add(m.toByteArray());
        m.destroy();
      }
    }
    return out;
  }

  private static Connection connect(TestServer server) throws SQLException {
    String url = server.storageUrl();
    return url.startsWith("jdbc:postgresql:")
        ? DriverManager.getConnection(url, "postgres", "")
        : DriverManager.getConnection(url);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
