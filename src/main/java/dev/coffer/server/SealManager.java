package dev.coffer.server;

import dev.coffer.core.error.InvalidRequestException;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.SealException;
import dev.coffer.crypto.SealProvider;
import dev.coffer.crypto.Sealer;
import dev.coffer.store.RootKeyRecord;
import dev.coffer.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * Whether the server holds its root key: uninitialised (no root key yet), sealed (stored sealed,
 * not in memory) or unsealed. It initialises (first root key), unseals (opens the stored
 * generations with the seal), and rotates the root key. While it is not unsealed the server answers
 * nothing but health and the operator API ({@link SealGate}).
 */
public final class SealManager implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SealManager.class.getName());

  /** Where the server stands. */
  public enum State {
    UNINITIALISED,
    SEALED,
    UNSEALED
  }

  /** Re-wraps what older root generations wrap (owned by the running services). */
  public interface Rewrapper {
    /** Starts re-wrapping in the background unless it is running. */
    void start();

    /** Whether a re-wrap is running. */
    boolean running();

    /** How many wrapped records an older generation than the active one still wraps. */
    long remaining();
  }

  /**
   * What {@code Status} reports.
   *
   * @param sharesSubmitted Shamir shares collected towards an unseal (0 otherwise)
   * @param sharesNeeded the threshold, once the first share is in (0 otherwise)
   * @param activeGeneration the root generation new wraps use (0 while sealed)
   * @param rewrapRemaining records still under an older generation (0 while sealed)
   */
  public record Status(
      State state,
      String sealType,
      int sharesSubmitted,
      int sharesNeeded,
      int activeGeneration,
      long rewrapRemaining,
      boolean rewrapping) {}

  private final Store store;
  private final SealProvider provider;
  private final Path legacyKeyFile;
  private final Clock clock;
  private final Consumer<RootKeyring> onUnsealed;
  private volatile @Nullable RootKeyring keyring;
  private volatile @Nullable Rewrapper rewrapper;

  /**
   * @param legacyKeyFile {@code DATA/root.key}, where servers from before sealing kept the root key
   *     in clear; adopted at initialisation and deleted once sealed in the database
   * @param onUnsealed starts the services with the unsealed root key; if it throws, the server
   *     stays sealed
   */
  SealManager(
      Store store,
      SealProvider provider,
      Path legacyKeyFile,
      Clock clock,
      Consumer<RootKeyring> onUnsealed) {
    this.store = store;
    this.provider = provider;
    this.legacyKeyFile = legacyKeyFile;
    this.clock = clock;
    this.onUnsealed = onUnsealed;
  }

  /**
   * Initialises and unseals without operators when the seal allows it (a key file; a passphrase or
   * PIN in the environment); otherwise the server stays uninitialised or sealed.
   *
   * @throws SealException when the configured secret does not open the stored root key
   */
  synchronized void unsealAutomatically() {
    List<RootKeyRecord> stored = generations();
    Optional<Sealer> sealer = provider.openAutomatically(activeSealed(stored));
    if (sealer.isEmpty()) {
      LOG.info(
          stored.isEmpty()
              ? "Coffer is not initialised; run coffer operator init"
              : "Coffer is sealed; unseal it with coffer operator unseal");
      return;
    }
    if (stored.isEmpty()) {
      stored = store(RootKeyring.initialise(sealer.get(), 1, Optional.of(legacyKeyFile)));
    }
    try {
      open(sealer.get(), stored);
    } catch (InvalidRequestException e) {
      throw new SealException(String.valueOf(e.getMessage()));
    }
  }

  /** Where the server stands now. */
  public Status status() {
    RootKeyring k = keyring;
    Rewrapper r = rewrapper;
    if (k != null) {
      return new Status(
          State.UNSEALED,
          k.sealType(),
          0,
          0,
          k.activeGeneration(),
          r == null ? 0 : r.remaining(),
          r != null && r.running());
    }
    int have = 0;
    int need = 0;
    if (provider instanceof dev.coffer.crypto.ShamirSeal shamir) {
      have = shamir.progress().have();
      need = shamir.progress().need();
    }
    State state = generations().isEmpty() ? State.UNINITIALISED : State.SEALED;
    return new Status(state, provider.type(), have, need, 0, 0, false);
  }

  public boolean unsealed() {
    return keyring != null;
  }

  /**
   * Makes the first root key, sealed by the configured seal, and unseals with it.
   *
   * @return the Shamir shares, to be shown once (empty for other seals)
   */
  public synchronized List<String> initialise(int shares, int threshold) {
    if (!generations().isEmpty()) {
      throw new InvalidRequestException("Coffer is already initialised.");
    }
    SealProvider.Initialised made;
    try {
      made = provider.initialise(shares, threshold);
    } catch (SealException e) {
      throw new InvalidRequestException(String.valueOf(e.getMessage()));
    }
    List<RootKeyRecord> stored =
        store(RootKeyring.initialise(made.sealer(), 1, Optional.of(legacyKeyFile)));
    open(made.sealer(), stored);
    return made.shares();
  }

  /** Takes one unseal input: a Shamir share, the passphrase or the token PIN. */
  public synchronized Status unseal(String input) {
    if (keyring != null) {
      return status();
    }
    List<RootKeyRecord> stored = generations();
    Optional<byte[]> active = activeSealed(stored);
    if (active.isEmpty()) {
      throw new InvalidRequestException(
          "Coffer is not initialised yet; initialise it with coffer operator init.");
    }
    SealProvider.UnsealStep step;
    try {
      step = provider.submit(input, active.get());
    } catch (SealException e) {
      throw new InvalidRequestException(String.valueOf(e.getMessage()));
    }
    if (step instanceof SealProvider.UnsealStep.Opened opened) {
      open(opened.sealer(), stored);
    }
    return status();
  }

  /**
   * Makes a new root generation, sealed by the same seal, active for new wraps, and starts
   * re-wrapping everything under it in the background.
   *
   * @return the new generation
   */
  public synchronized int rotate() {
    RootKeyring k = keyring;
    Rewrapper r = rewrapper;
    if (k == null || r == null) {
      throw sealedError();
    }
    if (r.running()) {
      throw new InvalidRequestException(
          "A root key rotation is still re-wrapping key material; wait for it to finish"
              + " (coffer operator status).");
    }
    int next = generations().stream().mapToInt(RootKeyRecord::generation).max().orElse(0) + 1;
    RootKeyring.Generation g = k.rotate(next);
    store.execute(tx -> {
      if (!tx.rootKeys().insertIfAbsent(record(g))) {
        throw new InvalidRequestException(
            "Another node rotated the root key at the same time; try again.");
      }
      tx.rootKeys().activate(next);
    });
    k.activate(next);
    LOG.info("root key rotated to generation " + next + "; re-wrapping key material");
    r.start();
    return next;
  }

  /** The running services' re-wrapper; resumes a re-wrap a restart interrupted. */
  void attach(Rewrapper r) {
    rewrapper = r;
    if (r.remaining() > 0) {
      r.start();
    }
  }

  /** The 503 answer of a sealed server. */
  static dev.coffer.core.error.ServiceUnavailableException sealedError() {
    return new dev.coffer.core.error.ServiceUnavailableException(SEALED);
  }

  /** What a sealed server answers. */
  static final String SEALED = "Coffer is sealed; unseal it with coffer operator unseal";

  private void open(Sealer sealer, List<RootKeyRecord> stored) {
    RootKeyring k;
    try {
      k =
          RootKeyring.open(
              sealer, stored.stream().map(SealManager::generation).toList(), this::find);
    } catch (DecryptionException e) {
      sealer.close();
      provider.reset();
      throw new InvalidRequestException(refusal());
    }
    try {
      onUnsealed.accept(k);
    } catch (RuntimeException e) {
      k.close();
      throw e;
    }
    keyring = k;
    if (k.retireLegacyKeyFile(legacyKeyFile)) {
      LOG.info("the root key of " + legacyKeyFile + " is now sealed in the database; file deleted");
    }
  }

  private String refusal() {
    return switch (provider.type()) {
      case "passphrase" -> "The passphrase is wrong: it does not open the sealed root key.";
      case "shamir" ->
          "The shares do not open the sealed root key: one of them is wrong or from another"
              + " initialisation. Submit the shares again.";
      case "pkcs11" ->
          "The key on the PKCS#11 token does not open the sealed root key (another token or key"
              + " label?).";
      default ->
          "The key file does not open the sealed root key: it is not the one this Coffer was"
              + " initialised with.";
    };
  }

  private List<RootKeyRecord> store(RootKeyring.Generation g) {
    store.execute(tx -> {
      tx.rootKeys().insertIfAbsent(record(g));
    });
    return generations();
  }

  private RootKeyRecord record(RootKeyring.Generation g) {
    return new RootKeyRecord(g.id(), g.sealed(), g.sealType(), clock.instant(), g.active());
  }

  private List<RootKeyRecord> generations() {
    return store.read(tx -> tx.rootKeys().generations());
  }

  private Optional<RootKeyring.Generation> find(int id) {
    return store.read(tx -> tx.rootKeys().generation(id)).map(SealManager::generation);
  }

  private static RootKeyring.Generation generation(RootKeyRecord r) {
    return new RootKeyring.Generation(r.generation(), r.sealed(), r.sealType(), r.active());
  }

  private static Optional<byte[]> activeSealed(List<RootKeyRecord> stored) {
    return stored.stream()
        .filter(RootKeyRecord::active)
        .reduce((a, b) -> b)
        .map(RootKeyRecord::sealed);
  }

  /** Wipes the root key from memory. */
  @Override
  public void close() {
    RootKeyring k = keyring;
    keyring = null;
    if (k != null) {
      k.close();
    }
    provider.reset();
  }
}
