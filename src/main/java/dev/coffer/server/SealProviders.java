package dev.coffer.server;

import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.crypto.PassphraseSeal;
import dev.coffer.crypto.Pkcs11Seal;
import dev.coffer.crypto.SealProvider;
import dev.coffer.crypto.ShamirSeal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Builds the configured seal; secrets come from the environment variables the settings name. */
final class SealProviders {
  private SealProviders() {}

  static SealProvider create(SealSettings s, Path dataDir, Function<String, @Nullable String> env) {
    return switch (s.type()) {
      case "file" -> new KeyFileSeal(s.keyFile().orElse(dataDir.resolve("seal.key")));
      case "passphrase" ->
          new PassphraseSeal(
              nonEmpty(env.apply(s.passphraseEnv())),
              new PassphraseSeal.Cost(
                  s.argon2MemoryKib(), s.argon2Iterations(), s.argon2Parallelism()));
      case "shamir" -> new ShamirSeal();
      case "pkcs11" ->
          new Pkcs11Seal(
              new Pkcs11Seal.Token(s.pkcs11Library(), s.pkcs11SlotListIndex(), s.pkcs11KeyLabel()),
              nonEmpty(env.apply(s.pkcs11PinEnv())));
      default -> throw new IllegalArgumentException("unknown seal type " + s.type());
    };
  }

  private static Optional<String> nonEmpty(@Nullable String v) {
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
