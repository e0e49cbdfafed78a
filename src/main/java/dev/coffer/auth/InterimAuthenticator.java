package dev.coffer.auth;

import dev.coffer.core.error.IncompleteSignatureException;
import dev.coffer.core.error.MissingAuthenticationTokenException;
import dev.coffer.core.error.UnrecognizedClientException;
import java.util.Map;

/**
 * Interim authenticator used while the SigV4 verifier is being written: it reads the access key and
 * region from the Authorization header's credential scope but does not check the signature. It is
 * replaced by the SigV4 verifier before the core server is called done.
 */
public final class InterimAuthenticator implements Authenticator {
  private final CredentialStore credentials;

  public InterimAuthenticator(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public Authentication authenticate(HttpRequestData request, String signingService) {
    String auth = null;
    for (Map.Entry<String, String> h : request.headers()) {
      if (h.getKey().equalsIgnoreCase("authorization")) {
        auth = h.getValue();
      }
    }
    if (auth == null) {
      throw new MissingAuthenticationTokenException("Missing Authentication Token");
    }
    int at = auth.indexOf("Credential=");
    if (at < 0) {
      throw new IncompleteSignatureException(
          "Authorization header requires 'Credential' parameter.");
    }
    String scope = auth.substring(at + "Credential=".length()).split("[, ]", 2)[0];
    String[] parts = scope.split("/");
    if (parts.length != 5) {
      throw new IncompleteSignatureException("Credential is not a valid credential scope.");
    }
    Credential c =
        credentials
            .find(parts[0])
            .orElseThrow(() ->
                new UnrecognizedClientException(
                    "The security token included in the request is invalid."));
    return new Authentication(c.caller(), parts[2], c.accessKeyId());
  }
}
