package dev.coffer.auth.sigv4;

import dev.coffer.core.Caller;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** The credentials, region, service and time every published SigV4 vector uses. */
final class TestKeys {
  static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String REGION = "us-east-1";
  static final String SERVICE = "service";
  static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
  static final Clock CLOCK = Clock.fixed(TIME, ZoneOffset.UTC);
  static final Caller CALLER = Caller.root("123456789012", ACCESS_KEY_ID);

  private TestKeys() {}

  /** A lookup knowing only AKIDEXAMPLE, with {@code token} as its session token if present. */
  static CredentialLookup lookup(Optional<String> token) {
    SigningCredential credential = new SigningCredential(ACCESS_KEY_ID, SECRET, CALLER, token);
    return id -> id.equals(ACCESS_KEY_ID) ? Optional.of(credential) : Optional.empty();
  }

  static CredentialLookup lookup() {
    return lookup(Optional.empty());
  }
}
