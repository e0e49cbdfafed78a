package dev.coffer.server;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the root key is sealed at rest (the config file's {@code seal} section). Secrets (the
 * passphrase, the token PIN) are never part of the configuration: it names the environment
 * variables that hold them.
 *
 * @param type {@code file} (dev default), {@code passphrase}, {@code shamir} or {@code pkcs11}
 * @param keyFile the key file seal's file; empty for {@code DATA/seal.key}
 * @param passphraseEnv the environment variable holding the passphrase; unset means operators
 *     unseal with {@code coffer operator unseal PASSPHRASE}
 * @param argon2MemoryKib Argon2id memory for new passphrase seals, in KiB
 * @param argon2Iterations Argon2id passes for new passphrase seals
 * @param argon2Parallelism Argon2id lanes for new passphrase seals
 * @param pkcs11Library the PKCS#11 module (e.g. {@code /usr/lib/softhsm/libsofthsm2.so})
 * @param pkcs11SlotListIndex the token's index in the module's slot list
 * @param pkcs11KeyLabel the label of the AES key on the token (made at initialisation)
 * @param pkcs11PinEnv the environment variable holding the user PIN; unset means operators unseal
 *     with {@code coffer operator unseal PIN}
 */
public record SealSettings(
    String type,
    Optional<Path> keyFile,
    String passphraseEnv,
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    String pkcs11Library,
    int pkcs11SlotListIndex,
    String pkcs11KeyLabel,
    String pkcs11PinEnv) {

  public static final List<String> TYPES = List.of("file", "passphrase", "shamir", "pkcs11");

  public SealSettings {
    Objects.requireNonNull(type, "type");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "seal.type must be one of " + String.join(", ", TYPES) + ", not " + type);
    }
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(passphraseEnv, "passphraseEnv");
    Objects.requireNonNull(pkcs11Library, "pkcs11Library");
    Objects.requireNonNull(pkcs11KeyLabel, "pkcs11KeyLabel");
    Objects.requireNonNull(pkcs11PinEnv, "pkcs11PinEnv");
  }

  /** The dev default: a key file in the data directory. */
  public static SealSettings dev() {
    return of("file");
  }

  /** Defaults for a seal of {@code type}. */
  public static SealSettings of(String type) {
    return new SealSettings(
        type,
        Optional.empty(),
        "COFFER_SEAL_PASSPHRASE",
        64 * 1024,
        3,
        4,
        "/usr/lib/softhsm/libsofthsm2.so",
        0,
        "coffer-root-seal",
        "COFFER_PKCS11_PIN");
  }

  /** These settings with Argon2id costs for new passphrase seals. */
  public SealSettings withArgon2(int memoryKib, int iterations, int parallelism) {
    return new SealSettings(
        type,
        keyFile,
        passphraseEnv,
        memoryKib,
        iterations,
        parallelism,
        pkcs11Library,
        pkcs11SlotListIndex,
        pkcs11KeyLabel,
        pkcs11PinEnv);
  }

  /** These settings with another PKCS#11 token. */
  public SealSettings withPkcs11(
      String library, int slotListIndex, String keyLabel, String pinEnv) {
    return new SealSettings(
        type,
        keyFile,
        passphraseEnv,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        library,
        slotListIndex,
        keyLabel,
        pinEnv);
  }

  /** These settings with another passphrase variable or key file. */
  public SealSettings withSecrets(String passphraseEnv, Optional<Path> keyFile) {
    return new SealSettings(
        type,
        keyFile,
        passphraseEnv,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        pkcs11Library,
        pkcs11SlotListIndex,
        pkcs11KeyLabel,
        pkcs11PinEnv);
  }
}
