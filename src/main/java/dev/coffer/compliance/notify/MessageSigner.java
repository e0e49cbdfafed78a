package dev.coffer.compliance.notify;

import java.net.URI;

/**
 * Signs notifications with the server's RSA key (SHA256withRSA) and says where its certificate is
 * published. The key itself stays in the key layer; this is all the compliance layer sees of it.
 */
public interface MessageSigner {
  /** A SHA256withRSA signature of {@code message}. */
  byte[] sign(byte[] message);

  /** The URL of the PEM certificate that verifies {@link #sign}'s signatures. */
  URI certificateUrl();
}
