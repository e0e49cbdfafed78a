package dev.coffer.compliance.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceChange;
import dev.coffer.compliance.EvaluationResult;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Message and Subject of a Config ComplianceChangeNotification (AWS Config Developer Guide,
 * "Notifications that AWS Config sends to an Amazon SNS topic"; recordVersion 1.0).
 */
public final class ComplianceChangeMessage {
  /** SNS limits a Subject to 100 characters; Config cuts longer ones and ends them with "...". */
  static final int MAX_SUBJECT = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ComplianceChangeMessage() {}

  /** Times as Config and SNS write them: ISO 8601, UTC, milliseconds. */
  public static String time(Instant t) {
    return TIME.format(t);
  }

  /** {@code [AWS Config:REGION] TYPE ID is STATUS with RULE in Account ACCOUNT}, cut at 100. */
  public static String subject(ComplianceChange c) {
    String s =
        "[AWS Config:"
            + c.region()
            + "] "
            + c.resourceType()
            + " "
            + c.resourceId()
            + " is "
            + c.newComplianceType().name()
            + " with "
            + c.configRuleName()
            + " in Account "
            + c.accountId();
    return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT - 3) + "...";
  }

  /** The Message: the JSON document a receiver parses. */
  public static String body(ComplianceChange c) {
    ObjectNode m = JSON.createObjectNode();
    m.put("awsAccountId", c.accountId());
    m.put("configRuleName", c.configRuleName());
    m.put("configRuleARN", c.configRuleArn());
    m.put("resourceType", c.resourceType());
    m.put("resourceId", c.resourceId());
    m.put("awsRegion", c.region());
    m.set("newEvaluationResult", result(c, c.newResult()));
    if (c.oldResult().isPresent()) {
      m.set("oldEvaluationResult", result(c, c.oldResult().get()));
    } else {
      m.putNull("oldEvaluationResult"); // a first evaluation has no previous result
    }
    m.put("notificationCreationTime", time(c.notificationCreationTime()));
    m.put("messageType", "ComplianceChangeNotification");
    m.put("recordVersion", "1.0");
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode result(ComplianceChange c, EvaluationResult r) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode id = out.putObject("evaluationResultIdentifier");
    ObjectNode q = id.putObject("evaluationResultQualifier");
    q.put("configRuleName", c.configRuleName());
    q.put("resourceType", c.resourceType());
    q.put("resourceId", c.resourceId());
    id.put("orderingTimestamp", time(r.orderingTimestamp()));
    out.put("complianceType", r.complianceType().name());
    out.put("resultRecordedTime", time(r.resultRecordedTime()));
    out.put("configRuleInvokedTime", time(r.configRuleInvokedTime()));
    if (r.annotation().isPresent()) {
      out.put("annotation", r.annotation().get());
    } else {
      out.putNull("annotation");
    }
    out.putNull("resultToken");
    return out;
  }
}
