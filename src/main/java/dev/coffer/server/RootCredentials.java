package dev.coffer.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

/**
 * The bootstrap root user's access key. Taken from {@code COFFER_ROOT_ACCESS_KEY_ID} and {@code
 * COFFER_ROOT_SECRET_ACCESS_KEY} when both are set; otherwise generated once and kept in the data
 * directory, readable only by its owner.
 *
 * @param accessKeyId the public half
 * @param secretAccessKey the secret half
 */
public record RootCredentials(String accessKeyId, String secretAccessKey) {
  static final String FILE = "root-credentials.properties";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String KEY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  @Override
  public String toString() {
    return "RootCredentials[" + accessKeyId + "]";
  }

  /** From the environment if set, else from (or newly into) {@code dataDir}. */
  public static RootCredentials resolve(Map<String, String> env, Path dataDir) {
    String id = env.get("COFFER_ROOT_ACCESS_KEY_ID");
    String secret = env.get("COFFER_ROOT_SECRET_ACCESS_KEY");
    if (id != null && secret != null && !id.isBlank() && !secret.isBlank()) {
      return new RootCredentials(id.trim(), secret.trim());
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        String fid = p.getProperty("aws_access_key_id");
        String fsecret = p.getProperty("aws_secret_access_key");
        if (fid == null || fsecret == null) {
          throw new IllegalStateException(
              file + " lacks aws_access_key_id or aws_secret_access_key");
        }
        return new RootCredentials(fid, fsecret);
      }
      RootCredentials fresh =
          new RootCredentials("AKIA" + random(KEY_ID_CHARS, 16), random(SECRET_CHARS, 40));
      Files.createDirectories(dataDir);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer w =
          Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
        w.write("# Coffer root user credentials; keep this file private.\n");
        w.write("aws_access_key_id=" + fresh.accessKeyId() + "\n");
        w.write("aws_secret_access_key=" + fresh.secretAccessKey() + "\n");
      }
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }

  private static String random(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
