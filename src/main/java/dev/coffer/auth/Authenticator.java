package dev.coffer.auth;

/** Establishes who sent a request; throws the AWS authentication errors when it cannot. */
public interface Authenticator {
  Authentication authenticate(HttpRequestData request, String signingService);
}
