package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.core.audit.StoredAuditEvent;
import dev.coffer.store.AuditBlocks;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.SignedJsonClient;
import dev.coffer.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The audit trail of a running server, driven through the AWS SDK and signed awsJson calls.
 * Subclasses choose the storage backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String LOOKUP =
      "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
  TestServer server;
  SecretsManagerClient sm;
  SignedJsonClient cloudTrail;

  abstract Backend backend();

  @BeforeAll
  void startServer() {
    server = TestServer.start(backend());
    sm = server.secretsManager();
    cloudTrail =
        new SignedJsonClient(
            server.endpoint(), "cloudtrail", TestServer.ACCESS_KEY, TestServer.SECRET_KEY);
  }

  @AfterAll
  void stopServer() {
    sm.close();
    server.close();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static List<JsonNode> records(TestServer s) {
    List<JsonNode> out = new ArrayList<>();
    for (StoredAuditEvent e : s.server().audit().reader().events(1, Long.MAX_VALUE, 1_000_000)) {
      try {
        out.add(JSON.readTree(e.body()));
      } catch (java.io.IOException ex) {
        throw new AssertionError(ex);
      }
    }
    return out;
  }

  /** The events recorded for one request id. */
  List<JsonNode> eventsOf(String requestId) {
    return records(server).stream()
        .filter(r -> r.path("requestID").asText().equals(requestId))
        .toList();
  }

  static String requestId(AwsResponse r) {
    return r.responseMetadata().requestId();
  }

  @Test
  void secretsManagerCalls_eachRecordOneEventInCloudTrailShape() {
    String name = unique("audit/app");
    var created = sm.createSecret(b -> b.name(name).secretString("first-value").description("d"));
    var got = sm.getSecretValue(b -> b.secretId(name));
    var put = sm.putSecretValue(b -> b.secretId(name).secretString("second-value"));
    var described = sm.describeSecret(b -> b.secretId(name));
    var tagged = sm.tagResource(b -> b.secretId(name).tags(t -> t.key("team").value("a")));
    var deleted = sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    var restored = sm.restoreSecret(b -> b.secretId(name));

    JsonNode create = single(requestId(created));
    assertThat(create.path("eventVersion").asText()).isEqualTo("1.11");
    assertThat(create.path("eventName").asText()).isEqualTo("CreateSecret");
    assertThat(create.path("eventSource").asText()).isEqualTo("secretsmanager.amazonaws.com");
    assertThat(create.path("eventType").asText()).isEqualTo("AwsApiCall");
    assertThat(create.path("awsRegion").asText()).isEqualTo("us-east-1");
    assertThat(create.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(create.path("userAgent").asText()).containsIgnoringCase("aws-sdk-java");
    assertThat(create.path("readOnly").asBoolean()).isFalse();
    assertThat(create.path("managementEvent").asBoolean()).isTrue();
    assertThat(create.path("recipientAccountId").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(create.path("eventID").asText()).matches("[0-9a-f-]{36}");
    assertThat(create.path("eventTime").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    JsonNode who = create.path("userIdentity");
    assertThat(who.path("type").asText()).isEqualTo("Root");
    assertThat(who.path("arn").asText()).isEqualTo("arn:aws:iam::" + TestServer.ACCOUNT + ":root");
    assertThat(who.path("accountId").asText()).isEqualTo(TestServer.ACCOUNT);
    assertThat(who.path("accessKeyId").asText()).isEqualTo(TestServer.ACCESS_KEY);
    assertThat(create.path("requestParameters").path("name").asText()).isEqualTo(name);
    assertThat(create.path("requestParameters").has("secretString")).isFalse();
    assertThat(create.path("responseElements").path("arn").asText()).isEqualTo(created.arn());
    assertThat(create.path("resources").get(0).path("ARN").asText()).isEqualTo(created.arn());
    assertThat(create.has("errorCode")).isFalse();

    JsonNode get = single(requestId(got));
    assertThat(get.path("eventName").asText()).isEqualTo("GetSecretValue");
    assertThat(get.path("readOnly").asBoolean()).isTrue();
    assertThat(get.path("responseElements").isNull()).isTrue();
    assertThat(get.path("requestParameters").path("secretId").asText()).isEqualTo(name);

    assertThat(single(requestId(put)).path("eventName").asText()).isEqualTo("PutSecretValue");
    assertThat(single(requestId(described)).path("readOnly").asBoolean()).isTrue();
    assertThat(
            single(requestId(tagged))
                .path("requestParameters")
                .path("tags")
                .get(0)
                .path("key")
                .asText())
        .isEqualTo("team");
    assertThat(single(requestId(deleted)).path("eventName").asText()).isEqualTo("DeleteSecret");
    assertThat(single(requestId(restored)).path("eventName").asText()).isEqualTo("RestoreSecret");
  }

  @Test
  void batchGetSecretValue_recordsOneGetSecretValueEventPerSecret() {
    String a = unique("audit/batch-a");
    String b = unique("audit/batch-b");
    sm.createSecret(r -> r.name(a).secretString("va"));
    sm.createSecret(r -> r.name(b).secretString("vb"));
    String missing = unique("audit/batch-missing");
    var batch = sm.batchGetSecretValue(r -> r.secretIdList(a, b, missing));
    assertThat(batch.secretValues()).hasSize(2);

    List<JsonNode> events = eventsOf(requestId(batch));
    assertThat(events)
        .extracting(e -> e.path("eventName").asText())
        .containsExactlyInAnyOrder(
            "BatchGetSecretValue", "GetSecretValue", "GetSecretValue", "GetSecretValue");
    assertThat(events)
        .filteredOn(e -> e.path("eventName").asText().equals("GetSecretValue"))
        .extracting(e -> e.path("errorCode").asText(""))
        .containsExactlyInAnyOrder("", "", "ResourceNotFoundException");
    assertThat(events.toString()).doesNotContain("\"va\"").doesNotContain("\"vb\"");
  }

  private JsonNode single(String requestId) {
    List<JsonNode> events = eventsOf(requestId);
    assertThat(events).as("events of request %s", requestId).hasSize(1);
    return events.get(0);
  }

  @Test
  void failedCall_leavesNoChangeButRecordsItsError() {
    String missing = unique("audit/missing");
    assertThatThrownBy(
            () -> sm.updateSecret(b -> b.secretId(missing).secretString("never-stored-value")))
        .isInstanceOf(ResourceNotFoundException.class);
    JsonNode e =
        records(server).stream()
            .filter(r -> r.path("requestParameters").path("secretId").asText().equals(missing))
            .findFirst()
            .orElseThrow();
    assertThat(e.path("eventName").asText()).isEqualTo("UpdateSecret");
    assertThat(e.path("errorCode").asText()).isEqualTo("ResourceNotFoundException");
    assertThat(e.path("errorMessage").asText()).isNotBlank();
    assertThat(e.path("responseElements").isNull()).isTrue();
    assertThatThrownBy(() -> sm.describeSecret(b -> b.secretId(missing)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void wrongSecretKey_recordsTheRefusalWithTheClaimedAccessKey() {
    try (SecretsManagerClient bad =
        SecretsManagerClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(TestServer.ACCESS_KEY, "not-the-secret-key-000000")))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String name = unique("audit/denied");
      assertThatThrownBy(() -> bad.getSecretValue(b -> b.secretId(name)))
          .isInstanceOf(SecretsManagerException.class);
      JsonNode e =
          records(server).stream()
              .filter(r -> r.path("requestParameters").path("secretId").asText().equals(name))
              .findFirst()
              .orElseThrow();
      assertThat(e.path("errorCode").asText()).isEqualTo("InvalidSignatureException");
      assertThat(e.path("userIdentity").path("type").asText()).isEqualTo("Unknown");
      assertThat(e.path("userIdentity").path("accessKeyId").asText())
          .isEqualTo(TestServer.ACCESS_KEY);
    }
  }

  @Test
  void storedEvents_neverContainSecretValues() throws Exception {
    String name = unique("audit/values");
    String text = "TEXT-" + UUID.randomUUID();
    byte[] binary = ("BIN-" + UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    sm.createSecret(b -> b.name(name).secretString(text));
    sm.getSecretValue(b -> b.secretId(name));
    sm.putSecretValue(b -> b.secretId(name).secretBinary(SdkBytes.fromByteArray(binary)));
    sm.getSecretValue(b -> b.secretId(name));
    sm.updateSecret(b -> b.secretId(name).secretString(text + "-2"));
    String base64 = Base64.getEncoder().encodeToString(binary);
    try (Connection c = server.database();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM audit_events")) {
      int columns = rs.getMetaData().getColumnCount();
      int rows = 0;
      while (rs.next()) {
        rows++;
        for (int i = 1; i <= columns; i++) {
          String v = String.valueOf(rs.getString(i));
          assertThat(v)
              .doesNotContain(
                  text, base64, new String(binary, java.nio.charset.StandardCharsets.UTF_8));
        }
      }
      // The events of reads copied from SQLite's audit journal are stored in blocks.
      for (byte[] block : AuditBlocks.raw(c)) {
        assertThat(new String(block, java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain(
                text, base64, new String(binary, java.nio.charset.StandardCharsets.UTF_8));
      }
      rows += AuditBlocks.events(c).size();
      assertThat(rows).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void lookupEvents_byAttributes_findsTheCallsNewestFirst() {
    String name = unique("audit/lookup");
    String arn = sm.createSecret(b -> b.name(name).secretString("v")).arn();
    sm.getSecretValue(b -> b.secretId(name));
    sm.getSecretValue(b -> b.secretId(arn));

    JsonNode byName =
        lookup(
            "{\"LookupAttributes\":[{\"AttributeKey\":\"ResourceName\",\"AttributeValue\":\""
                + arn
                + "\"}]}");
    List<String> names = new ArrayList<>();
    byName.path("Events").forEach(e -> names.add(e.path("EventName").asText()));
    assertThat(names).containsExactly("GetSecretValue", "GetSecretValue", "CreateSecret");
    JsonNode newest = byName.path("Events").get(0);
    assertThat(newest.path("ReadOnly").asText()).isEqualTo("true");
    assertThat(newest.path("AccessKeyId").asText()).isEqualTo(TestServer.ACCESS_KEY);
    assertThat(newest.path("Username").asText()).isEqualTo("root");
    assertThat(newest.path("EventSource").asText()).isEqualTo("secretsmanager.amazonaws.com");
    assertThat(newest.path("EventTime").isNumber()).isTrue();
    assertThat(newest.path("Resources").toString())
        .contains("AWS::SecretsManager::Secret")
        .contains(arn);
    assertThat(newest.path("CloudTrailEvent").asText())
        .contains("\"eventName\":\"GetSecretValue\"");

    JsonNode writes =
        lookup(
            "{\"LookupAttributes\":[{\"AttributeKey\":\"ReadOnly\",\"AttributeValue\":\"false\"}],\"MaxResults\":50}");
    writes.path("Events").forEach(e -> assertThat(e.path("ReadOnly").asText()).isEqualTo("false"));
  }

  @Test
  void lookupEvents_maxResultsOne_pagesWithNextToken() {
    String name = unique("audit/page");
    sm.createSecret(b -> b.name(name).secretString("v"));
    sm.describeSecret(b -> b.secretId(name));
    String filter =
        "\"LookupAttributes\":[{\"AttributeKey\":\"ResourceName\",\"AttributeValue\":\""
            + name
            + "\"}]";
    JsonNode first = lookup("{" + filter + ",\"MaxResults\":1}");
    assertThat(first.path("Events")).hasSize(1);
    assertThat(first.path("Events").get(0).path("EventName").asText()).isEqualTo("DescribeSecret");
    String token = first.path("NextToken").asText();
    JsonNode second = lookup("{" + filter + ",\"MaxResults\":1,\"NextToken\":\"" + token + "\"}");
    assertThat(second.path("Events").get(0).path("EventName").asText()).isEqualTo("CreateSecret");
    assertThat(second.has("NextToken")).isFalse();
    // A token used with another query is refused.
    SignedJsonClient.Answer other =
        cloudTrail.call(LOOKUP, "{\"MaxResults\":1,\"NextToken\":\"" + token + "\"}");
    assertThat(other.body().path("__type").asText()).isEqualTo("InvalidNextTokenException");
  }

  @Test
  void lookupEvents_invalidInput_answersCloudTrailErrors() {
    assertThat(error("{\"MaxResults\":51}")).isEqualTo("InvalidMaxResultsException");
    assertThat(error("{\"StartTime\":2000000000,\"EndTime\":1000000000}"))
        .isEqualTo("InvalidTimeRangeException");
    assertThat(
            error(
                "{\"LookupAttributes\":[{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"a\"},"
                    + "{\"AttributeKey\":\"EventName\",\"AttributeValue\":\"b\"}]}"))
        .isEqualTo("InvalidLookupAttributesException");
    assertThat(
            error(
                "{\"LookupAttributes\":[{\"AttributeKey\":\"ReadOnly\",\"AttributeValue\":\"maybe\"}]}"))
        .isEqualTo("InvalidLookupAttributesException");
    assertThat(error("{\"NextToken\":\"garbage\"}")).isEqualTo("InvalidNextTokenException");
    assertThat(
            error(
                "{\"LookupAttributes\":[{\"AttributeKey\":\"Colour\",\"AttributeValue\":\"a\"}]}"))
        .isEqualTo("ValidationException");
  }

  private JsonNode lookup(String body) {
    SignedJsonClient.Answer a = cloudTrail.call(LOOKUP, body);
    assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
    return a.body();
  }

  private String error(String body) {
    SignedJsonClient.Answer a = cloudTrail.call(LOOKUP, body);
    assertThat(a.status()).isEqualTo(400);
    return a.body().path("__type").asText();
  }

  @Test
  void housekeeping_permanentDeletion_recordsAServiceEvent() {
    MutableClock clock = MutableClock.startingNow();
    try (TestServer s = TestServer.start(backend(), clock);
        SecretsManagerClient client = s.secretsManager()) {
      String arn = client.createSecret(b -> b.name("audit/purged").secretString("v")).arn();
      client.deleteSecret(b -> b.secretId(arn).recoveryWindowInDays(7L));
      clock.advance(Duration.ofDays(8));
      s.runHousekeeping();
      JsonNode e =
          records(s).stream()
              .filter(r -> r.path("eventName").asText().equals("EndSecretVersionDelete"))
              .findFirst()
              .orElseThrow();
      assertThat(e.path("eventType").asText()).isEqualTo("AwsServiceEvent");
      assertThat(e.path("userIdentity").path("invokedBy").asText())
          .isEqualTo("secretsmanager.amazonaws.com");
      assertThat(e.path("additionalEventData").path("SecretId").asText()).isEqualTo(arn);
      assertThat(e.path("requestParameters").isNull()).isTrue();
      assertThat(records(s))
          .extracting(r -> r.path("eventName").asText())
          .containsSubsequence("StartSecretVersionDelete", "EndSecretVersionDelete");
    }
  }

  @Test
  void restoreSecret_recordsCancelSecretVersionDeletePerVersion() {
    String name = unique("audit/restored");
    var created = sm.createSecret(b -> b.name(name).secretString("one"));
    String v1 = created.versionId();
    String v2 = sm.putSecretValue(b -> b.secretId(name).secretString("two")).versionId();
    sm.deleteSecret(b -> b.secretId(name).recoveryWindowInDays(7L));
    sm.restoreSecret(b -> b.secretId(name));
    assertThat(records(server))
        .filteredOn(e -> e.path("eventName").asText().equals("CancelSecretVersionDelete"))
        .filteredOn(
            e -> e.path("additionalEventData").path("SecretId").asText().equals(created.arn()))
        .extracting(e -> e.path("additionalEventData").path("VersionId").asText())
        .containsExactlyInAnyOrder(v1, v2);
  }

  @Test
  void auditStoreFailure_refusesRequestsWith503_andHealthSaysWhy() throws Exception {
    try (TestServer s = TestServer.start(backend())) {
      try (SecretsManagerClient client = s.secretsManager()) {
        client.createSecret(b -> b.name("audit/before").secretString("v"));
      }
      s.restart(db -> breakAuditStore(db, s.backend(), true));
      try (SecretsManagerClient client = s.secretsManager()) {
        assertThatThrownBy(() -> client.createSecret(b -> b.name("audit/during").secretString("v")))
            .isInstanceOfSatisfying(
                SecretsManagerException.class,
                e -> {
                  assertThat(e.statusCode()).isEqualTo(503);
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("ServiceUnavailableException");
                });
        assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("audit/before")))
            .isInstanceOfSatisfying(
                SecretsManagerException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        HttpResponse<String> health = health(s);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("audit store unavailable");
      }
      s.restart(db -> breakAuditStore(db, s.backend(), false));
      try (SecretsManagerClient client = s.secretsManager()) {
        // The refused write left nothing behind; the server answers again once the store does.
        assertThatThrownBy(() -> client.describeSecret(b -> b.secretId("audit/during")))
            .isInstanceOf(ResourceNotFoundException.class);
        assertThat(client.getSecretValue(b -> b.secretId("audit/before")).secretString())
            .isEqualTo("v");
        assertThat(health(s).statusCode()).isEqualTo(200);
      }
    }
  }

  static HttpResponse<String> health(TestServer s) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(s.endpoint() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Makes every insert of events into the database fail (a full disk, a lost database), or stops
   * that.
   */
  static void breakAuditStore(Connection c, Backend backend, boolean broken)
      throws java.sql.SQLException {
    try (Statement st = c.createStatement()) {
      if (backend == Backend.SQLITE) {
        st.execute(
            broken
                ? "CREATE TRIGGER audit_fail BEFORE INSERT ON audit_events"
                    + " BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END"
                : "DROP TRIGGER audit_fail");
        // The events of reads reach the database from the audit journal, in blocks.
        st.execute(
            broken
                ? "CREATE TRIGGER audit_fail_blocks BEFORE INSERT ON audit_event_blocks"
                    + " BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END"
                : "DROP TRIGGER audit_fail_blocks");
      } else if (broken) {
        st.execute(
            "CREATE FUNCTION audit_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION"
                + " 'simulated disk failure'; END $$ LANGUAGE plpgsql");
        st.execute(
            "CREATE TRIGGER audit_fail BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE"
                + " FUNCTION audit_fail()");
      } else {
        st.execute("DROP TRIGGER audit_fail ON audit_events");
        st.execute("DROP FUNCTION audit_fail()");
      }
    }
  }
}
