package dev.coffer.protocol.query;

import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.core.error.CofferException;
import dev.coffer.core.error.ExpiredTokenException;
import dev.coffer.core.error.IncompleteSignatureException;
import dev.coffer.core.error.InternalServiceError;
import dev.coffer.core.error.InvalidSignatureException;
import dev.coffer.core.error.LimitExceededException;
import dev.coffer.core.error.MalformedPolicyDocumentException;
import dev.coffer.core.error.MissingAuthenticationTokenException;
import dev.coffer.core.error.ServiceUnavailableException;
import dev.coffer.core.error.UnrecognizedClientException;
import dev.coffer.core.error.ValidationException;

/**
 * The error codes and HTTP statuses of IAM and STS for Coffer's errors. Those services name their
 * errors without the {@code Exception} suffix the JSON services use ({@code NoSuchEntity}, {@code
 * AccessDenied}) and answer authentication failures with their own codes ({@code
 * InvalidClientTokenId}, {@code SignatureDoesNotMatch}).
 *
 * @param code the {@code <Code>} element
 * @param status the HTTP status
 * @param type {@code Sender} for the caller's errors, {@code Receiver} for the server's
 */
public record QueryErrors(String code, int status, String type) {

  /** How IAM and STS report {@code e}. */
  public static QueryErrors of(CofferException e) {
    return switch (e) {
      case UnrecognizedClientException x -> sender("InvalidClientTokenId", 403);
      case InvalidSignatureException x -> sender("SignatureDoesNotMatch", 403);
      case IncompleteSignatureException x -> sender("IncompleteSignature", 400);
      case MissingAuthenticationTokenException x -> sender("MissingAuthenticationToken", 403);
      case ExpiredTokenException x -> sender("ExpiredToken", 403);
      case AccessDeniedException x -> sender("AccessDenied", 403);
      case MalformedPolicyDocumentException x -> sender("MalformedPolicyDocument", 400);
      case LimitExceededException x -> sender("LimitExceeded", 409);
      case ValidationException x -> sender("ValidationError", 400);
      case InternalServiceError x -> new QueryErrors("ServiceFailure", 500, "Receiver");
      case ServiceUnavailableException x -> new QueryErrors("ServiceUnavailable", 503, "Receiver");
      default -> sender(stripSuffix(e.errorCode()), e.httpStatus());
    };
  }

  private static QueryErrors sender(String code, int status) {
    return new QueryErrors(code, status, "Sender");
  }

  private static String stripSuffix(String code) {
    return code.endsWith("Exception")
        ? code.substring(0, code.length() - "Exception".length())
        : code;
  }
}
