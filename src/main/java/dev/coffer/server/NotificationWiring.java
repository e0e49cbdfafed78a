package dev.coffer.server;

import dev.coffer.compliance.notify.HttpDelivery;
import dev.coffer.compliance.notify.MessageSigner;
import dev.coffer.compliance.notify.NotificationOutbox;
import dev.coffer.compliance.notify.NotificationSender;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.compliance.notify.Notifier;
import dev.coffer.crypto.CertifiedKeyVault;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.store.NotificationKeyRow;
import dev.coffer.store.Store;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Compliance-change notifications: the outbox in the store, the RSA key (sealed under the root key)
 * whose self-signed certificate is served at {@value #CERTIFICATE_PATH}, the notifier the
 * evaluation calls and the background sender.
 */
final class NotificationWiring implements AutoCloseable {
  static final String CERTIFICATE_PATH = "/coffer/sns/signing-cert.pem";
  private static final String PURPOSE = "coffer-notification-signing-key";

  private final Notifier notifier;
  private final NotificationSender sender;
  private final String certificatePem;

  private NotificationWiring(Notifier notifier, NotificationSender sender, String certificatePem) {
    this.notifier = notifier;
    this.sender = sender;
    this.certificatePem = certificatePem;
  }

  /**
   * @param baseUrl the server's own URL (known once it listens), for SigningCertURL when the
   *     settings name no public URL
   */
  static NotificationWiring start(
      ServerConfig config,
      NotificationSettings settings,
      Store store,
      SigningKeyVault vault,
      Clock clock,
      Supplier<URI> baseUrl) {
    CertifiedKeyVault keys = new CertifiedKeyVault(vault);
    NotificationKeyRow row = loadOrCreate(store, keys, config.accountId(), clock.instant());
    CertifiedKeyVault.RsaSigner rsa = keys.open(PURPOSE, row.fingerprint(), row.sealedPrivateKey());
    MessageSigner signer =
        new MessageSigner() {
          @Override
          public byte[] sign(byte[] message) {
            return rsa.sign(message);
          }

          @Override
          public URI certificateUrl() {
            return settings.publicUrl().orElseGet(baseUrl).resolve(CERTIFICATE_PATH);
          }
        };
    NotificationOutbox outbox = new StoreNotificationOutbox(store);
    Notifier notifier = new Notifier(outbox, settings, clock);
    NotificationSender sender =
        NotificationSender.start(
            outbox, signer, new HttpDelivery(Duration.ofSeconds(30)), settings, clock);
    return new NotificationWiring(notifier, sender, CertifiedKeyVault.toPem(row.certificate()));
  }

  private static NotificationKeyRow loadOrCreate(
      Store store, CertifiedKeyVault keys, String accountId, Instant now) {
    List<NotificationKeyRow> rows = store.read(tx -> tx.notifications().signingKeys());
    if (rows.isEmpty()) {
      CertifiedKeyVault.NewKey k =
          keys.create(
              PURPOSE,
              "Coffer compliance notifications " + accountId,
              now.minus(Duration.ofDays(1)),
              Duration.ofDays(3650));
      store.execute(tx ->
          tx.notifications()
              .insertSigningKey(
                  new NotificationKeyRow(
                      k.fingerprint(), k.certificate(), k.sealedPrivateKey(), now)));
      rows = store.read(tx -> tx.notifications().signingKeys());
    }
    return rows.get(0); // the oldest, so that nodes that raced to make one agree
  }

  Notifier notifier() {
    return notifier;
  }

  NotificationSender sender() {
    return sender;
  }

  String certificatePem() {
    return certificatePem;
  }

  @Override
  public void close() {
    sender.close();
  }

  /**
   * Re-seals the notification signing keys under the active root generation (rotate-root); returns
   * how many another node changed meanwhile.
   */
  static int resealSigningKeys(Store store, SigningKeyVault vault) {
    int left = 0;
    for (NotificationKeyRow k : store.read(tx -> tx.notifications().signingKeys())) {
      Optional<byte[]> resealed = vault.reseal(PURPOSE, k.fingerprint(), k.sealedPrivateKey());
      if (resealed.isPresent()
          && !store.write(tx ->
              tx.notifications()
                  .resealSigningKey(k.fingerprint(), k.sealedPrivateKey(), resealed.get()))) {
        left++;
      }
    }
    return left;
  }

  /** How many notification signing keys an older root generation still seals. */
  static long signingKeysToReseal(Store store, SigningKeyVault vault) {
    return store.read(tx -> tx.notifications().signingKeys()).stream()
        .filter(k -> !vault.isCurrent(k.sealedPrivateKey()))
        .count();
  }
}
