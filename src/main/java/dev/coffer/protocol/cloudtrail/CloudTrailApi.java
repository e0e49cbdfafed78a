package dev.coffer.protocol.cloudtrail;

import dev.coffer.audit.AuditReader;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.Api;
import java.time.Clock;
import java.util.List;

/**
 * The part of the CloudTrail API that reads the audit trail (awsJson 1.1, target prefix {@code
 * com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101}, SigV4 service {@code cloudtrail}), so
 * that {@code aws cloudtrail lookup-events} and the SDKs' CloudTrail clients work unchanged.
 */
public final class CloudTrailApi {
  public static final String TARGET_PREFIX =
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";

  private CloudTrailApi() {}

  /**
   * The API; each call is authorized with {@code authorizer} as {@code cloudtrail:LookupEvents} on
   * resource {@code *} (LookupEvents has no resource-level permissions).
   */
  public static Api create(AuditReader reader, Clock clock, Authorizer authorizer) {
    return Api.of(
        TARGET_PREFIX,
        "cloudtrail",
        "Message",
        List.of(new LookupEventsHandler(reader, clock, authorizer)));
  }
}
