package dev.coffer.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The awsJson 1.1 wire rules (Smithy awsJson1_1 protocol; behaviour.md §1): what a hand-made
 * request gets back when it is malformed in each of the ways an SDK never produces.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsJsonProtocolTest {
  TestServer server;
  RawAwsJsonClient client;

  @BeforeAll
  void start() {
    server = TestServer.start(Backend.SQLITE);
    client = new RawAwsJsonClient(server.endpoint(), TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return Json.MAPPER.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  private static void assertError(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    JsonNode body = json(r);
    assertThat(body.get("__type").asText()).isEqualTo(code);
    assertThat(body.get("Message").asText()).isNotBlank();
  }

  @Test
  void unknownOperation_isUnknownOperationException() {
    assertError(client.send("secretsmanager.StealSecrets", "{}"), 400, "UnknownOperationException");
  }

  @Test
  void missingTarget_isUnknownOperationException() {
    assertError(client.send(null, "{}"), 400, "UnknownOperationException");
  }

  @Test
  void malformedJson_isSerializationException() {
    assertError(
        client.send("secretsmanager.DescribeSecret", "{\"SecretId\": "),
        400,
        "SerializationException");
  }

  @Test
  void nonObjectBody_isSerializationException() {
    assertError(
        client.send("secretsmanager.DescribeSecret", "[1,2]"), 400, "SerializationException");
  }

  @Test
  void wrongMemberType_isSerializationException() {
    assertError(
        client.send("secretsmanager.DescribeSecret", "{\"SecretId\": 42}"),
        400,
        "SerializationException");
  }

  @Test
  void missingRequiredMember_isValidationExceptionNamingIt() {
    HttpResponse<String> r = client.send("secretsmanager.DescribeSecret", "{}");
    assertError(r, 400, "ValidationException");
    assertThat(json(r).get("Message").asText())
        .isEqualTo(
            "1 validation error detected: Value null at 'secretId' failed to satisfy constraint:"
                + " Member must not be null");
  }

  @Test
  void severalViolations_areReportedTogether() {
    HttpResponse<String> r =
        client.send(
            "secretsmanager.GetSecretValue", "{\"SecretId\": \"\", \"VersionId\": \"short\"}");
    assertError(r, 400, "ValidationException");
    assertThat(json(r).get("Message").asText()).startsWith("2 validation errors detected: ");
  }

  @Test
  void sensitiveValue_isNeverEchoedInValidationErrors() {
    String value = "x".repeat(65_537);
    HttpResponse<String> r =
        client.send(
            "secretsmanager.CreateSecret",
            "{\"Name\": \"big\", \"SecretString\": \"" + value + "\"}");
    assertError(r, 400, "ValidationException");
    assertThat(r.body()).doesNotContain("xxxxxxxxxx").contains("'secretString'");
  }

  @Test
  void emptyBody_isAnEmptyInput() {
    HttpResponse<String> r = client.send("secretsmanager.DescribeSecret", new byte[0], true);
    // Parsed as {} and then refused for the missing SecretId, not as malformed JSON.
    assertError(r, 400, "ValidationException");
  }

  @Test
  void unsignedRequest_isMissingAuthenticationToken() {
    HttpResponse<String> r =
        client.send(
            "secretsmanager.DescribeSecret",
            "{\"SecretId\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            false);
    assertError(r, 400, "MissingAuthenticationTokenException");
  }

  @Test
  void bodyOverLimit_isRefusedWith413() {
    byte[] body = new byte[(1 << 20) + 10];
    java.util.Arrays.fill(body, (byte) ' ');
    HttpResponse<String> r = client.send("secretsmanager.DescribeSecret", body, true);
    assertError(r, 413, "RequestEntityTooLargeException");
  }

  @Test
  void successfulCall_hasJsonContentTypeAndRequestId() {
    client.send("secretsmanager.CreateSecret", "{\"Name\":\"wire-ok\",\"SecretString\":\"v\"}");
    HttpResponse<String> r =
        client.send("secretsmanager.GetSecretValue", "{\"SecretId\":\"wire-ok\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.1");
    JsonNode body = json(r);
    assertThat(body.get("SecretString").asText()).isEqualTo("v");
    // awsJson timestamps are epoch seconds (a JSON number with a fraction), never strings.
    assertThat(body.get("CreatedDate").isNumber()).isTrue();
  }
}
