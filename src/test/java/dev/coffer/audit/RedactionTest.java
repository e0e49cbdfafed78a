package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RedactionTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode json(String s) throws Exception {
    return (ObjectNode) JSON.readTree(s);
  }

  @Test
  void requestParameters_sensitiveMembersAtAnyDepth_areDropped() throws Exception {
    ObjectNode in =
        json(
            "{\"Name\":\"db\",\"SecretString\":\"s3cret\",\"SecretBinary\":\"AAEC\","
                + "\"RotationToken\":\"tok\",\"Nested\":{\"Plaintext\":\"p\",\"Keep\":1},"
                + "\"List\":[{\"RandomPassword\":\"x\",\"Key\":\"k\"}]}");
    String out = Redaction.requestParameters(in).toString();
    assertThat(out)
        .isEqualTo("{\"name\":\"db\",\"nested\":{\"keep\":1},\"list\":[{\"key\":\"k\"}]}")
        .doesNotContain("s3cret", "AAEC", "tok", "\"p\"", "\"x\"");
  }

  @Test
  void responseElements_readOnlyCall_isNull() throws Exception {
    assertThat(Redaction.responseElements("GetSecretValue", true, json("{\"ARN\":\"a\"}")))
        .isEmpty();
  }

  @Test
  void responseElements_writeCall_keepsNonSensitiveMembers() throws Exception {
    assertThat(
            Redaction.responseElements(
                    "PutSecretValue",
                    false,
                    json("{\"ARN\":\"a\",\"VersionId\":\"v\",\"SecretString\":\"no\"}"))
                .orElseThrow())
        .isEqualTo("{\"arn\":\"a\",\"versionId\":\"v\"}");
  }

  @Test
  void requestParameters_mapMembers_keepTheirKeys() throws Exception {
    assertThat(
            Redaction.requestParameters(json("{\"EncryptionContext\":{\"SecretARN\":\"x\"}}"))
                .toString())
        .isEqualTo("{\"encryptionContext\":{\"SecretARN\":\"x\"}}");
  }

  @Test
  void lowerCamel_memberNames_followCloudTrailCasing() {
    assertThat(Redaction.lowerCamel("SecretId")).isEqualTo("secretId");
    assertThat(Redaction.lowerCamel("ARN")).isEqualTo("arn");
    assertThat(Redaction.lowerCamel("KMSKeyId")).isEqualTo("kmsKeyId");
    assertThat(Redaction.lowerCamel("versionId")).isEqualTo("versionId");
  }
}
