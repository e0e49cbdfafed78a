package dev.coffer.crypto;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Root keyrings for tests that work below the server, and a look at root key bytes. */
public final class TestRootKeys {
  private TestRootKeys() {}

  /** A keyring with one fresh generation, sealed by a throwaway key held only in memory. */
  public static RootKeyring fresh() {
    Sealer sealer = new KekSealer("test", AesGcm.newKey(), new byte[0]);
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    return RootKeyring.open(sealer, List.of(g), id -> Optional.empty());
  }

  /** The keyring a key file seal opens from the stored generations. */
  public static RootKeyring open(Path sealKeyFile, List<RootKeyring.Generation> generations) {
    Sealer sealer = new KeyFileSeal(sealKeyFile).openAutomatically(Optional.empty()).orElseThrow();
    return RootKeyring.open(sealer, generations, id -> Optional.empty());
  }

  /** The root key bytes of a generation (tests that scan storage for them). */
  public static byte[] keyBytes(RootKeyring ring, int generation) {
    return ring.keyBytes(generation);
  }
}
