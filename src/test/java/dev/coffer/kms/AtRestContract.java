package dev.coffer.kms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.crypto.KeyFile;
import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.crypto.SecretBytes;
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
 * KMS key material, nor a data key, nor (outside its own key file) the root key appears in the
 * bytes of the SQLite data directory or of every PostgreSQL table.
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

      Path rootKeyFile = server.dataDir().resolve("root.key");
      byte[] stored = storedBytes(server, rootKeyFile);
      List<byte[]> materials = unwrappedMaterials(server, rootKeyFile);

      // The scan does see the stored data: the secret's name (not secret) is there.
      assertThat(contains(stored, name.getBytes(StandardCharsets.UTF_8))).isTrue();
      assertThat(materials).hasSizeGreaterThanOrEqualTo(3);

      assertThat(contains(stored, marker.getBytes(StandardCharsets.UTF_8))).isFalse();
      assertThat(contains(stored, binaryMarker)).isFalse();
      assertThat(contains(stored, dataKey)).isFalse();
      for (byte[] material : materials) {
        assertThat(contains(stored, material)).isFalse();
      }
      byte[] root = KeyFile.loadOrCreate(rootKeyFile).toByteArray();
      assertThat(contains(stored, root)).isFalse();
    }
  }

  /** Every byte the backend holds, except the root key file itself. */
  private byte[] storedBytes(TestServer server, Path rootKeyFile) throws IOException, SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Stream<Path> files = Files.walk(server.dataDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.equals(rootKeyFile)) {
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

  /** The KMS key material in clear, unwrapped here with the root key (which the test can read). */
  private static List<byte[]> unwrappedMaterials(TestServer server, Path rootKeyFile)
      throws SQLException {
    List<byte[]> out = new ArrayList<>();
    try (KeyBarrier barrier = KeyBarrier.unseal(new KeyFileSeal(rootKeyFile));
        Connection c = connect(server);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT key_id, version, wrapped FROM kms_key_material")) {
      while (rs.next()) {
        SecretBytes m = barrier.unwrap(rs.getString(1), rs.getInt(2), rs.getBytes(3));
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
