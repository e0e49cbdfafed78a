package dev.coffer.crypto;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The dev-mode seal: a 256-bit seal key in a 0600 file in the data directory, created on first
 * start, seals the root key (which is stored sealed in the database, never in clear). The data
 * directory is the trust boundary: this keeps a copied database (SQLite file or PostgreSQL dump)
 * unreadable on its own, not a stolen data directory.
 */
public final class KeyFileSeal implements SealProvider {
  public static final String TYPE = "file";
  private final Path path;

  public KeyFileSeal(Path path) {
    this.path = path;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<Sealer> openAutomatically(Optional<byte[]> sealedRoot) {
    return Optional.of(sealer());
  }

  @Override
  public Initialised initialise(int shares, int threshold) {
    return new Initialised(sealer(), List.of());
  }

  @Override
  public UnsealStep submit(String input, byte[] sealedRoot) {
    return new UnsealStep.Opened(sealer());
  }

  @Override
  public void reset() {}

  private Sealer sealer() {
    return new KekSealer(TYPE, KeyFile.loadOrCreate(path), new byte[0]);
  }
}
