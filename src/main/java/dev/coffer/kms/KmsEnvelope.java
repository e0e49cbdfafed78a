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
  private static final String ARN_PREFIX = "arn:aws";
  private static final int ACCOUNT_DIGITS = 12;

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
    Optional<KeyScope> scope = KeyScope.of(value.keyArn());
    if (blob.length < 5 || blob[0] != FORMAT_ENVELOPE || scope.isEmpty()) {
      throw failed("the stored value is not in a format this server can read.");
    }
    ByteBuffer b = ByteBuffer.wrap(blob, 1, blob.length - 1);
    int wrappedLength = b.getInt();
    if (wrappedLength <= 0 || wrappedLength > b.remaining()) {
      throw failed("the stored value is damaged.");
    }
    byte[] wrapped = new byte[wrappedLength];
    b.get(wrapped);
    // The value's AES-GCM part is decrypted where it lies in the blob, not copied out.
    int sealedOffset = b.position();
    // Both layers bind the same context: encoded once for the data key's and the value's AAD.
    byte[] encodedContext = Canonical.encode(context);
    byte[] raw;
    try {
      raw =
          keys.store()
              .read(tx -> {
                Ciphertexts.Parsed p = Ciphertexts.parse(wrapped).orElseThrow(Ciphertexts::invalid);
                KmsKeyRecord k =
                    keys.current(tx, scope.get().accountId(), scope.get().region(), p.keyId())
                        .orElseThrow(Ciphertexts::invalid);
                if (caller.isPresent()) {
                  // kms:Decrypt on the key the wrapped data key names, as Secrets Manager's call.
                  keys.access().authorizeViaSecretsManager(caller.get(), "Decrypt", k, context);
                }
                return crypto.open(tx, k, p, encodedContext);
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
      return AesGcm.decrypt(
          dataKey, blob, sealedOffset, blob.length - sealedOffset, encodedContext);
    } catch (DecryptionException e) {
      throw failed("the ciphertext or its encryption context was changed.");
    } finally {
      dataKey.destroy();
    }
  }

  /**
   * The account and region of a key ARN, {@code arn:aws[a-z-]*:kms:REGION:ACCOUNT:key/ID} (REGION
   * of {@code [a-z0-9-]}, ACCOUNT twelve digits, ID not empty and on one line). Checked by hand
   * rather than with a regular expression: it runs on every secret read.
   */
  record KeyScope(String accountId, String region) {
    static Optional<KeyScope> of(String arn) {
      if (!arn.startsWith(ARN_PREFIX)) {
        return Optional.empty();
      }
      int partitionEnd = arn.indexOf(':', ARN_PREFIX.length());
      if (partitionEnd < 0
          || !all(arn, ARN_PREFIX.length(), partitionEnd, false)
          || !arn.startsWith(":kms:", partitionEnd)) {
        return Optional.empty();
      }
      int regionStart = partitionEnd + ":kms:".length();
      int regionEnd = arn.indexOf(':', regionStart);
      if (regionEnd <= regionStart || !all(arn, regionStart, regionEnd, true)) {
        return Optional.empty();
      }
      int accountStart = regionEnd + 1;
      int accountEnd = accountStart + ACCOUNT_DIGITS;
      if (accountEnd > arn.length() || !digits(arn, accountStart, accountEnd)) {
        return Optional.empty();
      }
      int idStart = accountEnd + ":key/".length();
      if (!arn.startsWith(":key/", accountEnd)
          || idStart >= arn.length()
          || !oneLine(arn, idStart)) {
        return Optional.empty();
      }
      return Optional.of(
          new KeyScope(
              arn.substring(accountStart, accountEnd), arn.substring(regionStart, regionEnd)));
    }

    /** Whether {@code s[from, to)} is all {@code [a-z-]}, or {@code [a-z0-9-]} with digits. */
    private static boolean all(String s, int from, int to, boolean withDigits) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (!((c >= 'a' && c <= 'z') || c == '-' || (withDigits && c >= '0' && c <= '9'))) {
          return false;
        }
      }
      return true;
    }

    private static boolean digits(String s, int from, int to) {
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return false;
        }
      }
      return true;
    }

    /** No line terminator, the characters a regular expression's {@code .} does not match. */
    private static boolean oneLine(String s, int from) {
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
          return false;
        }
      }
      return true;
    }
  }

  private static DecryptionFailure failed(String cause) {
    return new DecryptionFailure(
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key: "
            + cause);
  }
}
