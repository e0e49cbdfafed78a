package dev.coffer.auth;

import dev.coffer.auth.sigv4.Authenticated;
import dev.coffer.auth.sigv4.SignableRequest;
import dev.coffer.core.Caller;
import dev.coffer.core.error.IncompleteSignatureException;
import dev.coffer.core.error.InvalidSignatureException;
import dev.coffer.core.error.UnrecognizedClientException;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INSECURE emulator mode ({@code --accept-any-credentials}): a request whose key is unknown or
 * whose signature does not match is still accepted, as the root user of the default account, so
 * that a local test suite can use any access key. Keys the server knows keep acting as their own
 * principal. A request with no SigV4 authentication at all is still refused, so the caller's access
 * key and the region and service of its scope are always known.
 */
public final class AcceptAnyAuthenticator implements Authenticator {
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

  private final Authenticator verified;
  private final String defaultAccountId;
  private final Clock clock;

  public AcceptAnyAuthenticator(Authenticator verified, String defaultAccountId, Clock clock) {
    this.verified = verified;
    this.defaultAccountId = defaultAccountId;
    this.clock = clock;
  }

  @Override
  public Authenticated authenticate(SignableRequest request, String signingService) {
    try {
      return verified.authenticate(request, signingService);
    } catch (UnrecognizedClientException | InvalidSignatureException e) {
      Optional<Matcher> scope = scope(request);
      if (scope.isEmpty()) {
        throw e;
      }
      Matcher m = scope.get();
      return new Authenticated(
          Caller.root(defaultAccountId, m.group(1)),
          m.group(1),
          m.group(3),
          m.group(4),
          clock.instant());
    }
  }

  private static Optional<Matcher> scope(SignableRequest request) {
    String auth = request.firstHeader("Authorization").orElse("");
    Matcher m = CREDENTIAL.matcher(auth);
    if (m.find()) {
      return Optional.of(m);
    }
    String query = request.rawQuery().replace("%2F", "/").replace("%2f", "/");
    m = CREDENTIAL.matcher(query.replace("X-Amz-Credential=", "Credential="));
    if (m.find()) {
      return Optional.of(m);
    }
    throw new IncompleteSignatureException("The request carries no SigV4 credential scope.");
  }
}
