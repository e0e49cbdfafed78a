package dev.coffer.core.error;

import java.util.Objects;

/**
 * The root of every error that Coffer reports to a caller. Each subclass is named exactly after the
 * AWS error code it stands for, so {@link #errorCode()} is the simple class name and the protocol
 * layer can map any of them to an AWS error body without a lookup table.
 *
 * <p>Messages are written for the caller: they name resources and parameters, never secret values
 * or key material.
 */
public abstract sealed class CofferException extends RuntimeException
    permits ResourceNotFoundException,
        InvalidParameterException,
        InvalidRequestException,
        ResourceExistsException,
        InvalidNextTokenException,
        LimitExceededException,
        MalformedPolicyDocumentException,
        PublicPolicyException,
        PreconditionNotMetException,
        EncryptionFailure,
        DecryptionFailure,
        InternalServiceError,
        ValidationException,
        SerializationException,
        UnknownOperationException,
        RequestEntityTooLargeException,
        AccessDeniedException,
        MissingAuthenticationTokenException,
        IncompleteSignatureException,
        InvalidSignatureException,
        UnrecognizedClientException,
        ThrottlingException,
        ServiceUnavailableException,
        NotFoundException,
        DisabledException,
        KMSInvalidStateException,
        InvalidCiphertextException,
        IncorrectKeyException,
        AlreadyExistsException,
        InvalidAliasNameException,
        InvalidArnException,
        InvalidMarkerException,
        InvalidKeyUsageException,
        KMSInternalException,
        TagException,
        InvalidLookupAttributesException,
        InvalidTimeRangeException,
        InvalidMaxResultsException,
        InvalidEventCategoryException,
        UnsupportedOperationException,
        DryRunOperationException,
        InvalidParameterValueException,
        NoSuchConfigRuleException,
        ResourceNotDiscoveredException,
        NoSuchConfigurationAggregatorException,
        InvalidLimitException,
        NoSuchRemediationConfigurationException,
        RemediationInProgressException,
        NoSuchEntityException,
        EntityAlreadyExistsException,
        DeleteConflictException,
        InvalidInputException,
        ExpiredTokenException {
  private static final long serialVersionUID = 1L;

  protected CofferException(String message) {
    super(Objects.requireNonNull(message, "message"), null, false, false);
  }

  protected CofferException(String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause, false, false);
  }

  /** The AWS error code: the simple name of the concrete class. */
  public final String errorCode() {
    return getClass().getSimpleName();
  }

  /** The HTTP status that AWS answers this error with. */
  public int httpStatus() {
    return 400;
  }
}
