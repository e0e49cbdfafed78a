package dev.coffer.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * A 256-bit key kept in a file readable only by its owner (mode 0600). Used in dev mode, where the
 * data directory itself is the trust boundary.
 */
public final class KeyFile {
  private KeyFile() {}

  /** Reads the key at {@code path}, creating it with a fresh random key when absent. */
  public static SecretBytes loadOrCreate(Path path) {
    try {
      if (!Files.exists(path)) {
        Files.createDirectories(path.toAbsolutePath().getParent());
        SecretBytes key = AesGcm.newKey();
        byte[] raw = key.toByteArray();
        try {
          Files.createFile(
              path,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.write(path, raw, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
          return key;
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first; fall through and read theirs.
        } finally {
          Arrays.fill(raw, (byte) 0);
        }
      }
      byte[] raw = Files.readAllBytes(path);
      try {
        if (raw.length != AesGcm.KEY_BYTES) {
          throw new IllegalStateException(
              "key file " + path + " holds " + raw.length + " bytes, expected " + AesGcm.KEY_BYTES);
        }
        return SecretBytes.copyOf(raw);
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create key file " + path, e);
    }
  }
}
