package dev.coffer.crypto;

import java.nio.file.Path;

/**
 * The dev-mode seal: the root key lives in a 0600 file in the data directory, created on first
 * start. The data directory is the trust boundary, so this protects the database (SQLite or
 * PostgreSQL) from disclosure on its own, not a stolen data directory.
 */
public final class KeyFileSeal implements SealProvider {
  private final Path path;

  public KeyFileSeal(Path path) {
    this.path = path;
  }

  @Override
  public String name() {
    return "key-file";
  }

  @Override
  public SecretBytes unseal() {
    return KeyFile.loadOrCreate(path);
  }
}
