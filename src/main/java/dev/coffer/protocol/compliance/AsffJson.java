package dev.coffer.protocol.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ControlFinding;
import dev.coffer.compliance.SecretState;
import dev.coffer.compliance.SecurityControl;
import dev.coffer.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Renders control findings in the AWS Security Finding Format (ASFF 2018-10-08), consolidated
 * control findings as Security Hub writes them (compliance-and-iam.md §2).
 */
final class AsffJson {
  static final String STANDARD = "standards/aws-foundational-security-best-practices/v/1.0.0";

  private AsffJson() {}

  /** The finding id: stable for one control and one secret. */
  static String id(ControlFinding f) {
    SecretState s = f.secret();
    String key = f.control().id() + "\n" + s.arn();
    return "arn:aws:securityhub:"
        + s.region()
        + ":"
        + s.accountId()
        + ":security-control/"
        + f.control().id()
        + "/finding/"
        + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
  }

  static ObjectNode finding(ControlFinding f) {
    SecretState s = f.secret();
    SecurityControl c = f.control();
    ObjectNode o = Json.object();
    o.put("SchemaVersion", "2018-10-08");
    o.put("Id", id(f));
    o.put("ProductArn", "arn:aws:securityhub:" + s.region() + "::product/aws/securityhub");
    o.put("ProductName", "Security Hub");
    o.put("CompanyName", "AWS");
    o.put("Region", s.region());
    o.put("GeneratorId", "security-control/" + c.id());
    o.put("AwsAccountId", s.accountId());
    o.putArray("Types").add("Software and Configuration Checks/Industry and Regulatory Standards");
    String created = iso(s.createdAt());
    String observed = iso(f.observedAt());
    o.put("FirstObservedAt", created);
    o.put("LastObservedAt", observed);
    o.put("CreatedAt", created);
    o.put("UpdatedAt", observed);
    ObjectNode sev = o.putObject("Severity");
    sev.put("Label", c.severity());
    sev.put("Normalized", c.normalizedSeverity());
    sev.put("Original", c.severity());
    o.put("Title", c.title());
    o.put(
        "Description", "This control checks " + c.title().toLowerCase(java.util.Locale.ROOT) + ".");
    o.putObject("Remediation")
        .putObject("Recommendation")
        .put("Text", "For information on how to correct this issue, consult the documentation.")
        .put("Url", "https://docs.aws.amazon.com/console/securityhub/" + c.id() + "/remediation");
    ObjectNode pf = o.putObject("ProductFields");
    pf.put("RelatedAWSResources:0/name", "securityhub-" + c.configRule());
    pf.put("RelatedAWSResources:0/type", "AWS::Config::ConfigRule");
    pf.put("Resources:0/Id", s.arn());
    ObjectNode r = o.putArray("Resources").addObject();
    r.put("Type", "AwsSecretsManagerSecret");
    r.put("Id", s.arn());
    r.put("Partition", "aws");
    r.put("Region", s.region());
    ObjectNode d = r.putObject("Details").putObject("AwsSecretsManagerSecret");
    s.rotationRules()
        .automaticallyAfterDays()
        .ifPresent(days -> d.putObject("RotationRules").put("AutomaticallyAfterDays", days));
    s.rotationOccurringAsScheduled().ifPresent(b -> d.put("RotationOccurredWithinFrequency", b));
    Json.putIfPresent(d, "KmsKeyId", s.kmsKeyId());
    d.put("RotationEnabled", s.rotationEnabled());
    Json.putIfPresent(d, "RotationLambdaArn", s.rotationLambdaArn());
    d.put("Deleted", s.deleted());
    d.put("Name", s.name());
    Json.putIfPresent(d, "Description", s.description());
    ObjectNode comp = o.putObject("Compliance");
    comp.put("Status", f.status());
    comp.put("SecurityControlId", c.id());
    comp.putArray("AssociatedStandards").addObject().put("StandardsId", STANDARD);
    ArrayNode params = comp.putArray("SecurityControlParameters");
    f.parameters()
        .forEach((k, v) -> params.addObject().put("Name", k).set("Value", Json.strings(v)));
    comp.set("RelatedRequirements", Json.strings(c.requirements()));
    if (f.reason().isPresent() || f.archived()) {
      comp.putArray("StatusReasons")
          .addObject()
          .put(
              "ReasonCode",
              f.archived() ? "CONFIG_RETURNS_NOT_APPLICABLE" : "CONFIG_EVALUATIONS_NON_COMPLIANT")
          .put("Description", f.reason().orElse("The rule does not apply to the resource."));
    }
    o.putObject("Workflow").put("Status", f.status().equals("PASSED") ? "RESOLVED" : "NEW");
    o.put("RecordState", f.archived() ? "ARCHIVED" : "ACTIVE");
    ObjectNode fpf = o.putObject("FindingProviderFields");
    fpf.putObject("Severity").put("Label", c.severity()).put("Original", c.severity());
    fpf.putArray("Types")
        .add("Software and Configuration Checks/Industry and Regulatory Standards");
    return o;
  }

  private static String iso(Instant t) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }
}
