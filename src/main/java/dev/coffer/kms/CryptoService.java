package dev.coffer.kms;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.DryRunOperationException;
import dev.coffer.core.error.IncorrectKeyException;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.RandomBytes;
import dev.coffer.crypto.SecretBytes;
import dev.coffer.store.KmsKeyRecord;
import dev.coffer.store.Tx;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The cryptographic operations on symmetric keys: Encrypt, Decrypt, ReEncrypt, GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext and GenerateRandom. Key material is unwrapped for one operation
 * and wiped right after.
 */
public final class CryptoService {
  private final Keys keys;

  CryptoService(Keys keys) {
    this.keys = keys;
  }

  /** A ciphertext and the key (ARN) and material that made it. */
  public record Sealed(byte[] ciphertext, String keyArn, String materialId) {}

  /** A plaintext and the key (ARN) and material that opened it. */
  public record Opened(byte[] plaintext, String keyArn, String materialId) {}

  /** A data key: its plaintext (empty without plaintext) and its ciphertext. */
  public record DataKey(byte[] plaintext, Sealed sealed) {}

  /** What ReEncrypt answers. */
  public record ReEncrypted(Sealed sealed, String sourceKeyArn, String sourceMaterialId) {}

  public Sealed encrypt(
      RequestContext ctx,
      String keyId,
      byte[] plaintext,
      Map<String, String> context,
      boolean dryRun) {
    keys.ensureDefaultIfNamed(ctx.accountId(), ctx.region(), keyId);
    return keys.store()
        .read(tx -> {
          KmsKeyRecord k = authorized(tx, ctx, keyId, "Encrypt", context);
          dryRun(dryRun);
          return seal(tx, k, plaintext, context);
        });
  }

  public Opened decrypt(
      RequestContext ctx,
      byte[] ciphertext,
      Optional<String> keyId,
      Map<String, String> context,
      boolean dryRun) {
    return keys.store()
        .read(tx -> {
          authorizeOpen(tx, ctx, ciphertext, "Decrypt", context);
          Opened o = open(tx, ctx.accountId(), ctx.region(), ciphertext, keyId, context);
          if (dryRun) {
            Arrays.fill(o.plaintext(), (byte) 0);
            dryRun(true);
          }
          return o;
        });
  }

  public ReEncrypted reEncrypt(
      RequestContext ctx,
      byte[] ciphertext,
      Optional<String> sourceKeyId,
      Map<String, String> sourceContext,
      String destinationKeyId,
      Map<String, String> destinationContext,
      boolean dryRun) {
    keys.ensureDefaultIfNamed(ctx.accountId(), ctx.region(), destinationKeyId);
    return keys.store()
        .read(tx -> {
          authorizeOpen(tx, ctx, ciphertext, "ReEncryptFrom", sourceContext);
          KmsKeyRecord dest =
              authorized(tx, ctx, destinationKeyId, "ReEncryptTo", destinationContext);
          Opened o =
              open(tx, ctx.accountId(), ctx.region(), ciphertext, sourceKeyId, sourceContext);
          try {
            dryRun(dryRun);
            return new ReEncrypted(
                seal(tx, dest, o.plaintext(), destinationContext), o.keyArn(), o.materialId());
          } finally {
            Arrays.fill(o.plaintext(), (byte) 0);
          }
        });
  }

  /** GenerateDataKey (with {@code withPlaintext}) or GenerateDataKeyWithoutPlaintext. */
  public DataKey generateDataKey(
      RequestContext ctx,
      String keyId,
      int bytes,
      Map<String, String> context,
      boolean withPlaintext,
      boolean dryRun) {
    keys.ensureDefaultIfNamed(ctx.accountId(), ctx.region(), keyId);
    return keys.store()
        .read(tx -> {
          String action = withPlaintext ? "GenerateDataKey" : "GenerateDataKeyWithoutPlaintext";
          KmsKeyRecord k = authorized(tx, ctx, keyId, action, context);
          dryRun(dryRun);
          return dataKey(tx, k, bytes, context, withPlaintext);
        });
  }

  /** GenerateRandom: {@code bytes} from the server's secure random generator. */
  public byte[] random(RequestContext ctx, int bytes) {
    keys.access().authorizeWithoutKey(ctx, "GenerateRandom");
    return RandomBytes.bytes(bytes);
  }

  /**
   * The key {@code keyId} names, once the caller is authorized to use it for {@code action}; then
   * it must be enabled (KMS answers a key's state only to those who may use it).
   */
  private KmsKeyRecord authorized(
      Tx tx, RequestContext ctx, String keyId, String action, Map<String, String> context) {
    KmsKeyRecord k = keys.resolve(tx, ctx.accountId(), ctx.region(), keyId, true, false);
    keys.access().authorize(ctx, action, k, context);
    Keys.requireEnabled(k);
    return k;
  }

  /**
   * Authorizes {@code action} on the key a ciphertext names. A blob that names no key of this
   * account is left to {@link #open}, which refuses it as invalid.
   */
  private void authorizeOpen(
      Tx tx, RequestContext ctx, byte[] ciphertext, String action, Map<String, String> context) {
    Ciphertexts.parse(ciphertext)
        .flatMap(p -> tx.kms().findKey(ctx.accountId(), ctx.region(), p.keyId(), false))
        .ifPresent(k -> keys.access().authorize(ctx, action, k, context));
  }

  // ---- shared with KmsEnvelope ----

  DataKey dataKey(
      Tx tx, KmsKeyRecord k, int bytes, Map<String, String> context, boolean withPlaintext) {
    SecretBytes key = RandomBytes.secret(bytes);
    byte[] raw = key.toByteArray();
    try {
      Sealed sealed = seal(tx, k, raw, context);
      return new DataKey(withPlaintext ? raw.clone() : new byte[0], sealed);
    } finally {
      Arrays.fill(raw, (byte) 0);
      key.destroy();
    }
  }

  Sealed seal(Tx tx, KmsKeyRecord k, byte[] plaintext, Map<String, String> context) {
    return keys.materials()
        .with(
            k.keyId(),
            k.currentVersion(),
            () ->
                tx.kms()
                    .material(k.keyId(), k.currentVersion())
                    .orElseThrow(() -> new IllegalStateException("current material missing")),
            keys::unwrap,
            m ->
                new Sealed(
                    Ciphertexts.seal(k.keyId(), k.currentVersion(), m.key(), plaintext, context),
                    k.arn(),
                    m.materialId()));
  }

  /**
   * Decrypts a ciphertext of this service in the given account and region. The blob names its key
   * and material version; a KeyId, when given, must name that same key.
   */
  Opened open(
      Tx tx,
      String accountId,
      String region,
      byte[] ciphertext,
      Optional<String> keyId,
      Map<String, String> context) {
    Ciphertexts.Parsed p = Ciphertexts.parse(ciphertext).orElseThrow(Ciphertexts::invalid);
    if (keyId.isPresent()) {
      KmsKeyRecord named = keys.resolve(tx, accountId, region, keyId.get(), true, false);
      if (!named.keyId().equals(p.keyId())) {
        throw new IncorrectKeyException(
            "The key ID in the request does not identify a KMS key that can perform this"
                + " operation.");
      }
    }
    // Only the key's state is read here: its material comes from the cache when it was used
    // before, and the ARN follows from the key id, account and region.
    KeyState state =
        tx.kms()
            .keyState(accountId, region, p.keyId())
            .map(KeyState::valueOf)
            .orElseThrow(Ciphertexts::invalid);
    String arn = KmsArns.key(region, accountId, p.keyId());
    Keys.requireEnabled(state, arn);
    return decrypt(tx, p, arn, context);
  }

  /**
   * Decrypts parsed ciphertext {@code p} under {@code k}, the key it names, already read in {@code
   * tx} (Secrets Manager's read path, which has checked the key's policy on that same record).
   *
   * @param encodedContext the encryption context in {@link Canonical#encode}'s form, which the
   *     caller needs for its own layer too
   */
  Opened open(Tx tx, KmsKeyRecord k, Ciphertexts.Parsed p, byte[] encodedContext) {
    Keys.requireEnabled(k);
    return decrypt(tx, p, k.arn(), encodedContext);
  }

  /**
   * Opens {@code p} with its key version's material, from the cache or unwrapped from {@code tx}.
   */
  private Opened decrypt(Tx tx, Ciphertexts.Parsed p, String arn, Map<String, String> context) {
    return decrypt(tx, p, arn, Canonical.encode(context));
  }

  private Opened decrypt(Tx tx, Ciphertexts.Parsed p, String arn, byte[] encodedContext) {
    return keys.materials()
        .with(
            p.keyId(),
            p.version(),
            () -> tx.kms().material(p.keyId(), p.version()).orElseThrow(Ciphertexts::invalid),
            keys::unwrap,
            m -> new Opened(Ciphertexts.open(p, m.key(), encodedContext), arn, m.materialId()));
  }

  private static void dryRun(boolean dryRun) {
    if (dryRun) {
      throw new DryRunOperationException(
          "The request would have succeeded, but the DryRun option is set.");
    }
  }
}
