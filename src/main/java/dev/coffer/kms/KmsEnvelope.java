package dev.coffer.kms;

import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.core.error.EncryptionFailure;
import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.SecretBytes;
import dev.coffer.store.KmsKeyRecord;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Envelope encryption of secret values as Secrets Manager does it (User Guide, "Secret encryption
 * and decryption"): each value gets a fresh 256-bit data key from GenerateDataKey under the
 * secret's KMS key, with the encryption context bound; the value is encrypted locally with
 * AES-256-GCM under the data key and the same context as associated data; the encrypted data key is
 * stored beside the ciphertext and the plaintext data key is wiped. Stored blobs:
 *
 * <pre>
 *   2 | length of encrypted data key (4 bytes) | encrypted data key (a KMS ciphertext)
 *     | AES-256-GCM of the value under the data key: nonce | ciphertext | tag
 * </pre>
 *
 * Format 1 is the blob of the interim {@link LocalKeyProtector}; such values are still read (with
 * {@code DATA/value.key}) and move to format 2 when their secret is re-encrypted.
 */
public final class KmsEnvelope implements ValueProtector {
  static final byte FORMAT_LOCAL = 1;
  static final byte FORMAT_ENVELOPE = 2;
  private static final int DATA_KEY_BYTES = 32;
  private static final Pattern KEY_ARN =
      Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):key/.+");

  private final Keys keys;
  private final CryptoService crypto;
  private final Optional<ValueProtector> legacy;

  KmsEnvelope(Keys keys, CryptoService crypto, Optional<ValueProtector> legacy) {
    this.keys = keys;
    this.crypto = crypto;
    this.legacy = legacy;
  }

  @Override
  public Protected protect(
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    return protect(Optional.empty(), accountId, region, keyRef, context, plaintext);
  }

  /**
   * Encrypts for {@code ctx}'s caller: the key policy must allow kms:GenerateDataKey through
   * Secrets Manager (§4.6). A denial is an AccessDeniedException, not an EncryptionFailure.
   */
  @Override
  public Protected protect(
      RequestContext ctx,
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    return protect(Optional.of(ctx), accountId, region, keyRef, context, plaintext);
  }

  private Protected protect(
      Optional<RequestContext> caller,
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    try {
      return keys.store()
          .write(tx -> {
            KmsKeyRecord k;
            if (keyRef.isEmpty()) {
              k = keys.defaultKey(tx, accountId, region);
            } else {
              keys.ensureDefaultIfNamed(accountId, region, keyRef);
              k = keys.resolve(tx, accountId, region, keyRef, true, false);
            }
            if (caller.isPresent()) {
              keys.access().authorizeViaSecretsManager(caller.get(), "GenerateDataKey", k, context);
            }
            Keys.requireEnabled(k);
            CryptoService.DataKey dk = crypto.dataKey(tx, k, DATA_KEY_BYTES, context, true);
            SecretBytes dataKey = SecretBytes.copyOf(dk.plaintext());
            Arrays.fill(dk.plaintext(), (byte) 0);
            try {
              byte[] value = AesGcm.encrypt(dataKey, plaintext, Canonical.encode(context));
              byte[] wrapped = dk.sealed().ciphertext();
              byte[] blob =
                  ByteBuffer.allocate(1 + 4 + wrapped.length + value.length)
                      .put(FORMAT_ENVELOPE)
                      .putInt(wrapped.length)
                      .put(wrapped)
                      .put(value)
                      .array();
              return new Protected(k.arn(), blob);
            } finally {
              dataKey.destroy();
            }
          });
    } catch (EncryptionFailure | AccessDeniedException e) {
      throw e;
    } catch (CofferException e) {
      throw new EncryptionFailure(
          "Secrets Manager can't encrypt the protected secret text using the provided KMS key: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public byte[] unprotect(Protected value, Map<String, String> context) {
    return unprotect(Optional.empty(), value, context);
  }

  /**
   * Decrypts for {@code ctx}'s caller: the key policy must allow kms:Decrypt through Secrets
   * Manager (§4.6), which also keeps the default key to its own account.
   */
  @Override
  public byte[] unprotect(RequestContext ctx, Protected value, Map<String, String> context) {
    return unprotect(Optional.of(ctx), value, context);
  }

  private byte[] unprotect(
      Optional<RequestContext> caller, Protected value, Map<String, String> context) {
    byte[] blob = value.blob();
    if (blob.length > 0 && blob[0] == FORMAT_LOCAL && legacy.isPresent()) {
      return legacy.get().unprotect(value, context);
    }
    Matcher arn = KEY_ARN.matcher(value.keyArn());
    if (blob.length < 5 || blob[0] != FORMAT_ENVELOPE || !arn.matches()) {
      throw failed("the stored value is not in a format this server can read.");
    }
    ByteBuffer b = ByteBuffer.wrap(blob, 1, blob.length - 1);
    int wrappedLength = b.getInt();
    if (wrappedLength <= 0 || wrappedLength > b.remaining()) {
      throw failed("the stored value is damaged.");
    }
    byte[] wrapped = new byte[wrappedLength];
    b.get(wrapped);
    byte[] sealed = new byte[b.remaining()];
    b.get(sealed);
    byte[] raw;
    try {
      raw =
          keys.store()
              .read(tx -> {
                Ciphertexts.Parsed p = Ciphertexts.parse(wrapped).orElseThrow(Ciphertexts::invalid);
                KmsKeyRecord k =
                    keys.current(tx, arn.group(2), arn.group(1), p.keyId())
                        .orElseThrow(Ciphertexts::invalid);
                if (caller.isPresent()) {
                  // kms:Decrypt on the key the wrapped data key names, as Secrets Manager's call.
                  keys.access().authorizeViaSecretsManager(caller.get(), "Decrypt", k, context);
                }
                return crypto.open(tx, k, p, context);
              })
              .plaintext();
    } catch (AccessDeniedException e) {
      throw e;
    } catch (CofferException e) {
      throw failed(String.valueOf(e.getMessage()));
    }
    SecretBytes dataKey = SecretBytes.copyOf(raw);
    Arrays.fill(raw, (byte) 0);
    try {
      return AesGcm.decrypt(dataKey, sealed, Canonical.encode(context));
    } catch (DecryptionException e) {
      throw failed("the ciphertext or its encryption context was changed.");
    } finally {
      dataKey.destroy();
    }
  }

  private static DecryptionFailure failed(String cause) {
    return new DecryptionFailure(
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key: "
            + cause);
  }
}
