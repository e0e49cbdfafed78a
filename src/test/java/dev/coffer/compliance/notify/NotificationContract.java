package dev.coffer.compliance.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coffer.compliance.ComplianceChange;
import dev.coffer.compliance.ComplianceType;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.testing.Backend;
import dev.coffer.testing.MutableClock;
import dev.coffer.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compliance-change notifications from a running server to a local HTTP endpoint: signed so that a
 * receiver verifies them with the certificate the server publishes, retried with back-off when the
 * endpoint fails, and still delivered after a restart.
 */
abstract class NotificationContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RETRY_BASE = Duration.ofSeconds(10);

  abstract Backend backend();

  private NotificationReceiver receiver;
  private MutableClock clock;
  private TestServer server;

  @BeforeEach
  void start() {
    receiver = new NotificationReceiver();
    clock = MutableClock.startingNow();
    NotificationSettings settings =
        new NotificationSettings(
            List.of(receiver.url()),
            NotificationSettings.DEFAULT_TOPIC,
            Duration.ofHours(1), // the test runs the sender itself
            RETRY_BASE,
            Duration.ofMinutes(5),
            Optional.empty());
    server = TestServer.start(backend(), clock, settings);
  }

  @AfterEach
  void stop() {
    server.close();
    receiver.close();
  }

  private ComplianceChange change() {
    Instant t = clock.instant();
    String rule = "secretsmanager-rotation-enabled-check";
    String arn = "arn:aws:secretsmanager:us-east-1:" + TestServer.ACCOUNT + ":secret:db-AbCdEf";
    return new ComplianceChange(
        TestServer.ACCOUNT,
        "us-east-1",
        rule,
        "arn:aws:config:us-east-1:" + TestServer.ACCOUNT + ":config-rule/config-rule-abc123",
        EvaluationResult.SECRET_TYPE,
        arn,
        "db",
        Optional.of(
            result(rule, arn, ComplianceType.COMPLIANT, t.minusSeconds(60), Optional.empty())),
        result(rule, arn, ComplianceType.NON_COMPLIANT, t, Optional.of("Rotation is not enabled.")),
        t);
  }

  static EvaluationResult result(
      String rule, String arn, ComplianceType type, Instant t, Optional<String> annotation) {
    return new EvaluationResult(
        TestServer.ACCOUNT,
        "us-east-1",
        rule,
        EvaluationResult.SECRET_TYPE,
        arn,
        type,
        annotation,
        t,
        t,
        t);
  }

  @Test
  void enqueue_delivered_signatureVerifiesWithPublishedCertificate() throws Exception {
    server.server().notifier().enqueue(change());

    assertThat(server.server().runNotificationSender()).isEqualTo(1);

    assertThat(receiver.received()).hasSize(1);
    NotificationReceiver.Received r = receiver.received().get(0);
    assertThat(r.messageType()).isEqualTo("Notification");
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("Type").asText()).isEqualTo("Notification");
    assertThat(n.path("MessageId").asText()).isEqualTo(r.messageId());
    assertThat(n.path("TopicArn").asText())
        .isEqualTo("arn:aws:sns:us-east-1:" + TestServer.ACCOUNT + ":coffer-config-compliance");
    assertThat(n.path("SignatureVersion").asText()).isEqualTo("2");
    assertThat(n.path("Subject").asText())
        .startsWith("[AWS Config:us-east-1] AWS::SecretsManager::Secret arn:aws:secretsmanager")
        .hasSizeLessThanOrEqualTo(100);
    assertThat(verifies(n)).isTrue();

    JsonNode m = JSON.readTree(n.path("Message").asText());
    assertThat(m.path("messageType").asText()).isEqualTo("ComplianceChangeNotification");
    assertThat(m.path("configRuleName").asText())
        .isEqualTo("secretsmanager-rotation-enabled-check");
    assertThat(m.path("newEvaluationResult").path("complianceType").asText())
        .isEqualTo("NON_COMPLIANT");
    assertThat(m.path("newEvaluationResult").path("annotation").asText())
        .isEqualTo("Rotation is not enabled.");
    assertThat(m.path("oldEvaluationResult").path("complianceType").asText())
        .isEqualTo("COMPLIANT");
    assertThat(
            m.path("newEvaluationResult")
                .path("evaluationResultIdentifier")
                .path("evaluationResultQualifier")
                .path("resourceType")
                .asText())
        .isEqualTo("AWS::SecretsManager::Secret");

    // Delivered once: a second round sends nothing.
    assertThat(server.server().runNotificationSender()).isZero();
    assertThat(receiver.received()).hasSize(1);
  }

  @Test
  void signature_alteredMessage_doesNotVerify() throws Exception {
    server.server().notifier().enqueue(change());
    server.server().runNotificationSender();
    JsonNode n = JSON.readTree(receiver.received().get(0).body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) n)
        .put("Message", n.path("Message").asText().replace("NON_COMPLIANT", "COMPLIANT"));
    assertThat(verifies(n)).isFalse();
  }

  @Test
  void endpointFails_retriedAfterBackoff_sameMessageId() throws Exception {
    receiver.failNext(2);
    server.server().notifier().enqueue(change());

    assertThat(server.server().runNotificationSender()).isZero();
    assertThat(receiver.received()).hasSize(1);
    // Not due again before the back-off has passed.
    assertThat(server.server().runNotificationSender()).isZero();
    assertThat(receiver.received()).hasSize(1);

    clock.advance(RETRY_BASE);
    assertThat(server.server().runNotificationSender()).isZero(); // second failure
    assertThat(receiver.received()).hasSize(2);
    clock.advance(RETRY_BASE); // the wait has doubled: 20 s, only 10 s passed
    assertThat(server.server().runNotificationSender()).isZero();
    assertThat(receiver.received()).hasSize(2);

    clock.advance(RETRY_BASE);
    assertThat(server.server().runNotificationSender()).isEqualTo(1);
    List<NotificationReceiver.Received> all = receiver.received();
    assertThat(all).hasSize(3);
    assertThat(all.get(2).accepted()).isTrue();
    assertThat(all)
        .extracting(NotificationReceiver.Received::messageId)
        .containsOnly(all.get(0).messageId());
    assertThat(verifies(JSON.readTree(all.get(2).body()))).isTrue();
  }

  @Test
  void restart_undeliveredNotificationIsDeliveredAfterwards() throws Exception {
    receiver.failNext(1);
    server.server().notifier().enqueue(change());
    assertThat(server.server().runNotificationSender()).isZero();

    server.restart(db -> {});
    clock.advance(RETRY_BASE);

    assertThat(server.server().runNotificationSender()).isEqualTo(1);
    List<NotificationReceiver.Received> all = receiver.received();
    assertThat(all).hasSize(2);
    assertThat(all.get(1).messageId()).isEqualTo(all.get(0).messageId());
    // The key survived the restart: the certificate now served still verifies the signature.
    assertThat(verifies(JSON.readTree(all.get(1).body()))).isTrue();
  }

  /** Verifies as an SNS receiver does: fetch SigningCertURL, rebuild the string, check. */
  static boolean verifies(JsonNode n) throws Exception {
    URI certUrl = URI.create(n.path("SigningCertURL").asText());
    HttpResponse<byte[]> res =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(certUrl).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(res.statusCode()).isEqualTo(200);
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(res.body()));
    cert.checkValidity();
    cert.verify(cert.getPublicKey()); // self-signed
    String toSign =
        "Message\n"
            + n.path("Message").asText()
            + "\nMessageId\n"
            + n.path("MessageId").asText()
            + "\nSubject\n"
            + n.path("Subject").asText()
            + "\nTimestamp\n"
            + n.path("Timestamp").asText()
            + "\nTopicArn\n"
            + n.path("TopicArn").asText()
            + "\nType\n"
            + n.path("Type").asText()
            + "\n";
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initVerify(cert.getPublicKey());
    s.update(toSign.getBytes(StandardCharsets.UTF_8));
    return s.verify(Base64.getDecoder().decode(n.path("Signature").asText()));
  }
}
