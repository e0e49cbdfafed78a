package dev.coffer.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one API call that its audit event is made of, as the protocol layer saw them. The
 * input and output are the raw JSON structures; {@link AuditEvents} redacts them.
 *
 * @param requestId the {@code x-amzn-RequestId} answered
 * @param time when the call completed
 * @param eventSource e.g. {@code secretsmanager.amazonaws.com}
 * @param eventName the operation, e.g. {@code CreateSecret}
 * @param input the request structure (empty when it could not be read)
 * @param output the response structure of a successful call
 * @param errorCode the AWS error code of a failed call
 * @param errorMessage its message
 * @param vpcEndpointId the endpoint id of the listener the call came through, if it has one
 * @param tls for a call over TLS, its {@code tlsDetails}; empty over plain HTTP
 */
public record ApiCall(
    String requestId,
    Instant time,
    Identity identity,
    String region,
    String sourceIp,
    String userAgent,
    String eventSource,
    String eventName,
    boolean readOnly,
    ObjectNode input,
    Optional<ObjectNode> output,
    Optional<String> errorCode,
    Optional<String> errorMessage,
    Optional<String> vpcEndpointId,
    Optional<TlsDetails> tls) {

  public ApiCall {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(userAgent, "userAgent");
    Objects.requireNonNull(eventSource, "eventSource");
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(errorCode, "errorCode");
    Objects.requireNonNull(errorMessage, "errorMessage");
    Objects.requireNonNull(vpcEndpointId, "vpcEndpointId");
    Objects.requireNonNull(tls, "tls");
  }

  /** A call over plain HTTP through a listener without an endpoint id. */
  public ApiCall(
      String requestId,
      Instant time,
      Identity identity,
      String region,
      String sourceIp,
      String userAgent,
      String eventSource,
      String eventName,
      boolean readOnly,
      ObjectNode input,
      Optional<ObjectNode> output,
      Optional<String> errorCode,
      Optional<String> errorMessage) {
    this(
        requestId,
        time,
        identity,
        region,
        sourceIp,
        userAgent,
        eventSource,
        eventName,
        readOnly,
        input,
        output,
        errorCode,
        errorMessage,
        Optional.empty(),
        Optional.empty());
  }
}
