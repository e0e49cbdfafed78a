package dev.coffer.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A passphrase seal: the seal key is Argon2id(passphrase, salt) (RFC 9106), and the salt and cost
 * parameters are stored in the clear in front of each sealed root key so that the same passphrase
 * derives the same key on every node. The passphrase comes from the environment (automatic unseal
 * at start) or from {@code coffer operator unseal}.
 */
public final class PassphraseSeal implements SealProvider {
  public static final String TYPE = "passphrase";
  private static final int SALT_BYTES = 16;
  private static final int HEADER_BYTES = SALT_BYTES + 12;
  private final Optional<String> passphrase;
  private final Cost cost;

  /**
   * Argon2id cost for new seals.
   *
   * @param memoryKib memory in KiB (RFC 9106 §4 second recommendation: 64 MiB)
   * @param iterations passes over memory
   * @param parallelism lanes
   */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    /** RFC 9106 §4, second recommended option: 64 MiB, 3 passes, 4 lanes. */
    public static final Cost DEFAULT = new Cost(64 * 1024, 3, 4);

    public Cost {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("invalid Argon2id cost");
      }
    }
  }

  /**
   * @param passphrase the configured passphrase (from the environment), empty when operators type
   *     it with {@code coffer operator unseal}
   */
  public PassphraseSeal(Optional<String> passphrase, Cost cost) {
    this.passphrase = passphrase;
    this.cost = cost;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Optional<Sealer> openAutomatically(Optional<byte[]> sealedRoot) {
    if (passphrase.isEmpty()) {
      return Optional.empty();
    }
    if (sealedRoot.isEmpty()) {
      return Optional.of(fresh(passphrase.get()));
    }
    return Optional.of(fromStored(passphrase.get(), sealedRoot.get()));
  }

  @Override
  public Initialised initialise(int shares, int threshold) {
    String p =
        passphrase.orElseThrow(() ->
            new SealException(
                "The passphrase seal needs its passphrase at initialisation: set the environment"
                    + " variable named by seal.passphraseEnv."));
    return new Initialised(fresh(p), List.of());
  }

  @Override
  public UnsealStep submit(String input, byte[] sealedRoot) {
    if (input.isEmpty()) {
      throw new SealException("The passphrase is empty.");
    }
    return new UnsealStep.Opened(fromStored(input, sealedRoot));
  }

  @Override
  public void reset() {}

  private Sealer fresh(String p) {
    byte[] salt = RandomBytes.bytes(SALT_BYTES);
    return sealer(p, header(salt, cost));
  }

  private static Sealer fromStored(String p, byte[] sealedRoot) {
    byte[] header;
    try {
      header = KekSealer.header(sealedRoot);
    } catch (DecryptionException e) {
      throw new SealException("The stored root key was not sealed with a passphrase.", e);
    }
    if (header.length != HEADER_BYTES) {
      throw new SealException("The stored root key was not sealed with a passphrase.");
    }
    return sealer(p, header);
  }

  private static Sealer sealer(String p, byte[] header) {
    ByteBuffer b = ByteBuffer.wrap(header);
    byte[] salt = new byte[SALT_BYTES];
    b.get(salt);
    Cost c = new Cost(b.getInt(), b.getInt(), b.getInt());
    return new KekSealer(TYPE, derive(p, salt, c), header);
  }

  private static byte[] header(byte[] salt, Cost c) {
    return ByteBuffer.allocate(HEADER_BYTES)
        .put(salt)
        .putInt(c.memoryKib())
        .putInt(c.iterations())
        .putInt(c.parallelism())
        .array();
  }

  /** Argon2id (version 0x13) of the passphrase's UTF-8 bytes, 32 bytes out. */
  static SecretBytes derive(String p, byte[] salt, Cost c) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withSalt(salt)
            .withMemoryAsKB(c.memoryKib())
            .withIterations(c.iterations())
            .withParallelism(c.parallelism())
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(params);
    byte[] pw = p.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[AesGcm.KEY_BYTES];
    try {
      gen.generateBytes(pw, out);
      return SecretBytes.copyOf(out);
    } finally {
      Arrays.fill(pw, (byte) 0);
      Arrays.fill(out, (byte) 0);
    }
  }
}
