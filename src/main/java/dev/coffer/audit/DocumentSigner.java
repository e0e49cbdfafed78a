package dev.coffer.audit;

import dev.coffer.crypto.Sha256;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;

/**
 * Signs documents the server issues with the audit trail's digest key (made on first use if the
 * trail has not made it yet), producing {@link DocumentSignature}s.
 */
public final class DocumentSigner {
  private final Store store;
  private final SigningKeyVault vault;
  private final Clock clock;

  public DocumentSigner(Store store, SigningKeyVault vault, Clock clock) {
    this.store = store;
    this.vault = vault;
    this.clock = clock;
  }

  /** Signs {@code document} as of {@code signedAt}. */
  public DocumentSignature sign(
      String documentType, String format, Instant signedAt, byte[] document) {
    SigningKey key = SigningKey.loadOrCreate(store, vault, clock.instant());
    String sha256 = Sha256.hex(document);
    byte[] statement =
        DocumentSignature.statement(documentType, format, signedAt, sha256, key.fingerprint());
    return new DocumentSignature(
        documentType, format, signedAt, sha256, key.fingerprint(), key.sign(statement));
  }
}
