package dev.coffer.kms;

import dev.coffer.core.error.DecryptionFailure;
import dev.coffer.crypto.AesGcm;
import dev.coffer.crypto.Canonical;
import dev.coffer.crypto.DecryptionException;
import dev.coffer.crypto.KeyFile;
import dev.coffer.crypto.SecretBytes;
import java.util.Map;

/**
 * Protects values with AES-256-GCM under one local key (kept in the data directory), the encryption
 * context bound as associated data. This is the core server's protection until the key service
 * brings per-key envelopes; every blob starts with a format byte so that later formats can be told
 * apart.
 */
public final class LocalKeyProtector implements ValueProtector {
  private static final byte FORMAT_LOCAL_V1 = 1;
  private final SecretBytes key;

  public LocalKeyProtector(SecretBytes key) {
    this.key = key;
  }

  /**
   * A reader for the values an earlier server sealed under {@code keyFile}; empty when the data
   * directory never had that key (and so holds no such values).
   */
  public static java.util.Optional<ValueProtector> ifPresent(java.nio.file.Path keyFile) {
    return java.nio.file.Files.exists(keyFile)
        ? java.util.Optional.of(new LocalKeyProtector(KeyFile.loadOrCreate(keyFile)))
        : java.util.Optional.empty();
  }

  @Override
  public Protected protect(
      String accountId,
      String region,
      String keyRef,
      Map<String, String> context,
      byte[] plaintext) {
    byte[] sealed = AesGcm.encrypt(key, plaintext, Canonical.encode(context));
    byte[] blob = new byte[sealed.length + 1];
    blob[0] = FORMAT_LOCAL_V1;
    System.arraycopy(sealed, 0, blob, 1, sealed.length);
    return new Protected(defaultKeyArn(accountId, region), blob);
  }

  @Override
  public byte[] unprotect(Protected value, Map<String, String> context) {
    byte[] blob = value.blob();
    if (blob.length < 1 || blob[0] != FORMAT_LOCAL_V1) {
      throw failed();
    }
    byte[] sealed = new byte[blob.length - 1];
    System.arraycopy(blob, 1, sealed, 0, sealed.length);
    try {
      return AesGcm.decrypt(key, sealed, Canonical.encode(context));
    } catch (DecryptionException e) {
      throw failed();
    }
  }

  private static DecryptionFailure failed() {
    return new DecryptionFailure(
        "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
  }

  /** The ARN the default key will have once the key service manages it. */
  static String defaultKeyArn(String accountId, String region) {
    return "arn:aws:kms:" + region + ":" + accountId + ":alias/aws/secretsmanager";
  }
}
