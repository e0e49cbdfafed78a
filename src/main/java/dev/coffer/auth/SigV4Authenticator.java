package dev.coffer.auth;

import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SigV4Verifier;
import dev.coffer.auth.sigv4.SignableRequest;
import java.time.Clock;

/** Authenticates every request by its AWS Signature Version 4 against the credential store. */
public final class SigV4Authenticator implements Authenticator {
  private final SigV4Verifier verifier;

  public SigV4Authenticator(CredentialStore credentials, Clock clock) {
    this.verifier = new SigV4Verifier(credentials, clock);
  }

  @Override
  public Authenticated authenticate(SignableRequest request, String signingService) {
    return verifier.verify(request, signingService);
  }
}
