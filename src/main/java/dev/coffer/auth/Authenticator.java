package dev.coffer.auth;

import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SignableRequest;

/** Establishes who sent a request; throws the AWS authentication errors when it cannot. */
public interface Authenticator {
  Authenticated authenticate(SignableRequest request, String signingService);
}
