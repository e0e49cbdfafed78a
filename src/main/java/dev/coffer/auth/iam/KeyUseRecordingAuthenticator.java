package dev.coffer.auth.iam;

import dev.coffer.auth.Authenticator;
import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SignableRequest;

/**
 * Notes, for every request whose signature checked out, which access key signed it, in which region
 * and for which service (see {@link AccessKeyUsage}: memory only on the request path).
 */
public final class KeyUseRecordingAuthenticator implements Authenticator {
  private final Authenticator delegate;
  private final AccessKeyUsage usage;

  public KeyUseRecordingAuthenticator(Authenticator delegate, AccessKeyUsage usage) {
    this.delegate = delegate;
    this.usage = usage;
  }

  @Override
  public Authenticated authenticate(SignableRequest request, String signingService) {
    Authenticated a = delegate.authenticate(request, signingService);
    usage.used(a.accessKeyId(), a.region(), a.service());
    return a;
  }
}
