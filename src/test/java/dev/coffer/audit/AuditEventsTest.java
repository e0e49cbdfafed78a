package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.Caller;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact text of audit records: the text is what the chain hashes and what exports carry,
 * so a change of member order or spelling must be deliberate.
 */
class AuditEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-12-07T10:15:30.123Z");

  private static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  private static String withoutEventId(String body) {
    return body.replaceAll("\"eventID\":\"[0-9a-f-]{36}\"", "\"eventID\":\"X\"");
  }

  @Test
  void aReadByAnIamUserOverTls() throws Exception {
    Identity who =
        new Identity(
            "IAMUser",
            "AIDAEXAMPLE",
            "arn:aws:iam::123456789012:user/alice",
            "123456789012",
            "AKIAEXAMPLE",
            Optional.empty());
    ApiCall call =
        new ApiCall(
            "req-1",
            T,
            who,
            "us-east-1",
            "10.0.0.1",
            "aws-cli/2",
            "secretsmanager.amazonaws.com",
            "GetSecretValue",
            true,
            json(
                "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}"),
            Optional.of(
                json(
                    "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\",\"Name\":\"db\",\"SecretString\":\"hunter2\"}")),
            Optional.empty(),
            Optional.empty(),
            Optional.of("vpce-1"),
            Optional.of(TlsDetails.negotiated("TLSv1.3", "TLS_AES_128_GCM_SHA256", "localhost")));
    AuditEvent e = AuditEvents.apiCall(call);
    assertThat(withoutEventId(e.body()))
        .isEqualTo(
            "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"accessKeyId\":\"AKIAEXAMPLE\",\"userName\":\"alice\"},\"eventTime\":\"2026-12-07T10:15:30Z\",\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"GetSecretValue\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.0.0.1\",\"userAgent\":\"aws-cli/2\",\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"TLS_AES_128_GCM_SHA256\",\"clientProvidedHostHeader\":\"localhost\"},\"vpcEndpointId\":\"vpce-1\",\"requestParameters\":{\"secretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"},\"responseElements\":null,\"requestID\":\"req-1\",\"eventID\":\"X\",\"readOnly\":true,\"resources\":[{\"accountId\":\"123456789012\",\"type\":\"AWS::SecretsManager::Secret\",\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}");
    assertThat(e.resourceNames())
        .containsExactly("arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf", "db");
    assertThat(e.eventId()).hasSize(36);
    assertThat(e.body()).contains("\"eventID\":\"" + e.eventId() + "\"");
  }

  @Test
  void aRefusedWriteByARoleSessionWithAnOversizedInput() throws Exception {
    Identity who =
        new Identity(
            "AssumedRole",
            "AROAEXAMPLE:s1",
            "arn:aws:sts::123456789012:assumed-role/r/s1",
            "123456789012",
            "ASIAEXAMPLE",
            Optional.empty());
    ObjectNode big = JSON.createObjectNode();
    big.put("Name", "x");
    big.put("Description", "d".repeat(110 * 1024));
    ApiCall call =
        new ApiCall(
            "req-2",
            T,
            who,
            "eu-west-1",
            "127.0.0.1",
            "",
            "secretsmanager.amazonaws.com",
            "CreateSecret",
            false,
            big,
            Optional.empty(),
            Optional.of("AccessDenied"),
            Optional.of("m".repeat(1500)));
    AuditEvent e = AuditEvents.apiCall(call);
    assertThat(withoutEventId(e.body()))
        .isEqualTo(
            "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROAEXAMPLE:s1\",\"arn\":\"arn:aws:sts::123456789012:assumed-role/r/s1\",\"accountId\":\"123456789012\",\"accessKeyId\":\"ASIAEXAMPLE\",\"sessionContext\":{\"attributes\":{\"mfaAuthenticated\":\"false\"}}},\"eventTime\":\"2026-12-07T10:15:30Z\",\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"CreateSecret\",\"awsRegion\":\"eu-west-1\",\"sourceIPAddress\":\"127.0.0.1\",\"userAgent\":\"\",\"errorCode\":\"AccessDenied\",\"errorMessage\":\""
                + "m".repeat(1024)
                + "\",\"requestParameters\":null,\"responseElements\":null,\"additionalEventData\":{\"requestParametersTruncated\":true},\"requestID\":\"req-2\",\"eventID\":\"X\",\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}");
    assertThat(e.resourceNames()).containsExactly("x");
  }

  @Test
  void aWriteByRootRecordsItsRedactedResponse() throws Exception {
    Identity who = Identity.of(Caller.root("123456789012", "AKIAROOT"));
    ApiCall call =
        new ApiCall(
            "req-3",
            T,
            who,
            "us-east-1",
            "127.0.0.1",
            "sdk",
            "kms.amazonaws.com",
            "Encrypt",
            false,
            json(
                "{\"KeyId\":\"alias/a\",\"Plaintext\":\"c2VjcmV0\",\"EncryptionContext\":{\"SecretARN\":\"x\"},\"Grants\":[{\"GranteePrincipal\":\"p\"}]}"),
            Optional.of(
                json(
                    "{\"KeyId\":\"arn:aws:kms:us-east-1:123456789012:key/k\",\"CiphertextBlob\":\"AAAA\",\"VersionIdsToStages\":{\"V1\":[\"AWSCURRENT\"]}}")),
            Optional.empty(),
            Optional.empty());
    AuditEvent e = AuditEvents.apiCall(call);
    assertThat(withoutEventId(e.body()))
        .isEqualTo(
            "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"type\":\"Root\",\"principalId\":\"123456789012\",\"arn\":\"arn:aws:iam::123456789012:root\",\"accountId\":\"123456789012\",\"accessKeyId\":\"AKIAROOT\"},\"eventTime\":\"2026-12-07T10:15:30Z\",\"eventSource\":\"kms.amazonaws.com\",\"eventName\":\"Encrypt\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"127.0.0.1\",\"userAgent\":\"sdk\",\"requestParameters\":{\"keyId\":\"alias/a\",\"encryptionContext\":{\"SecretARN\":\"x\"},\"grants\":[{\"granteePrincipal\":\"p\"}]},\"responseElements\":{\"keyId\":\"arn:aws:kms:us-east-1:123456789012:key/k\",\"ciphertextBlob\":\"AAAA\",\"versionIdsToStages\":{\"V1\":[\"AWSCURRENT\"]}},\"requestID\":\"req-3\",\"eventID\":\"X\",\"readOnly\":false,\"resources\":[{\"accountId\":\"123456789012\",\"type\":\"AWS::KMS::Key\",\"ARN\":\"arn:aws:kms:us-east-1:123456789012:key/k\"}],\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}");
  }

  @Test
  void aServiceEvent() {
    AuditEvent e =
        AuditEvents.serviceEvent(
            T,
            "123456789012",
            "us-east-1",
            "secretsmanager.amazonaws.com",
            "RotationSucceeded",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
            AuditEvents.JSON_NODES.objectNode().put("SecretId", "db"));
    assertThat(
            withoutEventId(e.body()).replaceAll("-[0-9a-f-]{36}\",\"eventID\"", "-R\",\"eventID\""))
        .isEqualTo(
            "{\"eventVersion\":\"1.11\",\"userIdentity\":{\"accountId\":\"123456789012\",\"invokedBy\":\"secretsmanager.amazonaws.com\"},\"eventTime\":\"2026-12-07T10:15:30Z\",\"eventSource\":\"secretsmanager.amazonaws.com\",\"eventName\":\"RotationSucceeded\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"secretsmanager.amazonaws.com\",\"userAgent\":\"secretsmanager.amazonaws.com\",\"requestParameters\":null,\"responseElements\":null,\"additionalEventData\":{\"SecretId\":\"db\"},\"requestID\":\"RotationSucceeded-arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf-R\",\"eventID\":\"X\",\"readOnly\":false,\"resources\":[{\"accountId\":\"123456789012\",\"type\":\"AWS::SecretsManager::Secret\",\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf\"}],\"eventType\":\"AwsServiceEvent\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\",\"eventCategory\":\"Management\"}");
  }
}
