package dev.coffer.compliance.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * An SNS {@code Notification} message as delivered to an HTTP(S) subscriber (Amazon SNS Developer
 * Guide, "Parsing message formats" and "Verifying the signatures of Amazon SNS messages").
 *
 * @param messageId unique per notification, the same on every delivery attempt
 * @param topicArn the topic it was published to
 * @param subject the Subject
 * @param message the Message
 * @param timestamp when it was published
 */
public record SnsNotification(
    String messageId, String topicArn, String subject, String message, Instant timestamp) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public SnsNotification {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(topicArn, "topicArn");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /**
   * The string SNS signs for a Notification: the members Message, MessageId, Subject (when
   * present), Timestamp, TopicArn and Type in that (byte) order, each as its name, a newline, its
   * value and a newline.
   */
  public byte[] stringToSign() {
    StringBuilder s = new StringBuilder();
    pair(s, "Message", message);
    pair(s, "MessageId", messageId);
    if (!subject.isEmpty()) {
      pair(s, "Subject", subject);
    }
    pair(s, "Timestamp", ComplianceChangeMessage.time(timestamp));
    pair(s, "TopicArn", topicArn);
    pair(s, "Type", "Notification");
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void pair(StringBuilder s, String name, String value) {
    s.append(name).append('\n').append(value).append('\n');
  }

  /** The HTTP body: the JSON envelope with SignatureVersion 2 (SHA256withRSA). */
  public String signedJson(MessageSigner signer) {
    ObjectNode n = JSON.createObjectNode();
    n.put("Type", "Notification");
    n.put("MessageId", messageId);
    n.put("TopicArn", topicArn);
    if (!subject.isEmpty()) {
      n.put("Subject", subject);
    }
    n.put("Message", message);
    n.put("Timestamp", ComplianceChangeMessage.time(timestamp));
    n.put("SignatureVersion", "2");
    n.put("Signature", Base64.getEncoder().encodeToString(signer.sign(stringToSign())));
    URI cert = signer.certificateUrl();
    n.put("SigningCertURL", cert.toString());
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
