package dev.coffer.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The notification signing key: its certificate in the clear and its private half sealed by the key
 * layer.
 *
 * @param fingerprint hex fingerprint of the certificate
 * @param certificate X.509 DER
 * @param sealedPrivateKey the private key, encrypted; only crypto opens it
 */
@SuppressWarnings("ArrayRecordComponent") // stored bytes, copied on the way in and out
public record NotificationKeyRow(
    String fingerprint, byte[] certificate, byte[] sealedPrivateKey, Instant createdAt) {

  public NotificationKeyRow {
    Objects.requireNonNull(fingerprint, "fingerprint");
    certificate = certificate.clone();
    sealedPrivateKey = sealedPrivateKey.clone();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  @Override
  public byte[] certificate() {
    return certificate.clone();
  }

  @Override
  public byte[] sealedPrivateKey() {
    return sealedPrivateKey.clone();
  }
}
