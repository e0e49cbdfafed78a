package dev.coffer.crypto;

import java.util.List;
import java.util.Optional;

/**
 * A way of protecting the root key at rest, as configured ({@code seal.type}): a key file (dev
 * mode), a passphrase, Shamir shares or a PKCS#11 token. It opens into a {@link Sealer}, either by
 * itself (the key file; a passphrase or PIN given in the environment) or from what operators submit
 * one at a time with {@code coffer operator unseal}.
 */
public interface SealProvider {
  /** The seal type, as stored with each root key generation. */
  String type();

  /**
   * Opens without operator input when the configuration allows it.
   *
   * @param sealedRoot the active root generation as stored, if the server was initialised; seals
   *     with public parameters (a passphrase's salt) read them from it
   * @return empty when operators must unseal
   * @throws SealException when the configured secret is wrong or the seal is unreachable
   */
  Optional<Sealer> openAutomatically(Optional<byte[]> sealedRoot);

  /**
   * Makes new seal material for a first initialisation.
   *
   * @param shares how many Shamir shares to make (Shamir seal only)
   * @param threshold how many of them unseal (Shamir seal only)
   * @throws SealException when the seal cannot be made (missing passphrase, token unreachable)
   */
  Initialised initialise(int shares, int threshold);

  /**
   * Takes one operator input (a share, a passphrase, a PIN) towards opening the seal.
   *
   * @throws SealException when the input is malformed or refused
   */
  UnsealStep submit(String input, byte[] sealedRoot);

  /** Forgets inputs collected so far (shares of an unfinished unseal). */
  void reset();

  /** A new seal and what operators must keep: the Shamir shares, shown once; else empty. */
  record Initialised(Sealer sealer, List<String> shares) {
    public Initialised {
      shares = List.copyOf(shares);
    }
  }

  /** Where an unseal stands after one input. */
  sealed interface UnsealStep {
    /** More inputs are needed: {@code have} of {@code need} shares so far. */
    record Progress(int have, int need) implements UnsealStep {}

    /** The seal is open (the sealer is still to be checked against the stored root key). */
    record Opened(Sealer sealer) implements UnsealStep {}
  }
}
