package dev.coffer.secrets;

import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.crypto.KeyFile;
import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.Sealer;
import dev.coffer.kms.Kms;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.kms.ValueProtector;
import dev.coffer.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The read-path fixture of the secrets benchmarks: a {@link SecretsService} on a SQLite store in a
 * temporary directory, holding one 1 KiB secret that has been read once (so its first access is
 * already recorded), and a root caller to read it as. {@link #close()} removes everything.
 */
final class ReadFixture implements AutoCloseable {
  static final String SECRET = "app/db";
  private static final String ACCOUNT = "123456789012";

  /** How values are protected at rest. */
  enum Protection {
    /** A local key file, without KMS. */
    LOCAL_KEY,
    /** The real KMS envelope, as the server has it. */
    ENVELOPE,
    /** Stored as they are (benchmark only): the baseline the envelope is compared with. */
    PLAIN
  }

  private final Path dir;
  private final Store store;
  private final Optional<Kms> kms;
  private final SecretsService secrets;
  private final RequestContext ctx;

  ReadFixture(Protection protection) throws IOException {
    dir = Files.createTempDirectory("coffer-jmh");
    store = Store.open("jdbc:sqlite:" + dir.resolve("coffer.db"), "", "");
    kms =
        protection == Protection.LOCAL_KEY
            ? Optional.empty()
            : Optional.of(Kms.start(store, rootKeyring(dir), Clock.systemUTC()));
    ValueProtector protector =
        switch (protection) {
          case LOCAL_KEY -> new LocalKeyProtector(KeyFile.loadOrCreate(dir.resolve("value.key")));
          case ENVELOPE -> kms.orElseThrow().envelope(Optional.empty());
          case PLAIN -> new PlainProtector();
        };
    secrets = new SecretsService(store, protector, Clock.systemUTC());
    ctx =
        new RequestContext(
            "benchmark",
            Instant.now(),
            Caller.root(ACCOUNT, "AKIDBENCHMARK0000001"),
            "us-east-1",
            "127.0.0.1",
            "jmh",
            false,
            Optional.empty());
    secrets.create(
        ctx,
        new SecretsService.CreateRequest(
            SECRET,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(SecretPayload.ofString("x".repeat(1024))),
            List.of(),
            Optional.empty()));
    read();
  }

  /** GetSecretValue of the secret below the protocol layer. */
  SecretValueView read() {
    return secrets.getValue(ctx, SECRET, Optional.empty(), Optional.empty());
  }

  @Override
  public void close() throws IOException {
    if (kms.isPresent()) {
      kms.get().close();
    }
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /**
   * A root keyring of one generation, sealed by a key file in {@code dir}, as {@code coffer dev}
   * has.
   */
  static RootKeyring rootKeyring(Path dir) {
    Sealer sealer = new KeyFileSeal(dir.resolve("seal.key")).initialise(1, 1).sealer();
    RootKeyring.Generation g = RootKeyring.initialise(sealer, 1, Optional.empty());
    return RootKeyring.open(sealer, List.of(g), id -> Optional.empty());
  }
}
