package dev.coffer.compliance.remediation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.error.InvalidParameterValueException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Systems Manager Automation runbooks for Secrets Manager that remediation can run
 * (compliance-and-iam.md §5, "automation-ref-asm"): their parameters with AWS's types and ranges,
 * and their steps. Each step is a Secrets Manager call made as the assumed role, or a check of what
 * DescribeSecret returns, as the runbooks' {@code aws:executeScript} verification does.
 */
enum Runbook {
  /** Turns rotation on with a schedule of RotationInterval days and rotates. */
  ROTATE_SECRET(
      "AWSConfigRemediation-RotateSecret",
      List.of(
          Param.ASSUME_ROLE,
          new Param("RotationInterval", true, Optional.empty(), 1, 365),
          new Param("RotationLambdaArn", true, Optional.empty(), 0, 0),
          Param.SECRET_ID),
      List.of("DescribeSecret", "RotateSecret", "VerifyRotation")),
  /** Schedules the secret's deletion after RecoveryWindowInDays. */
  DELETE_SECRET(
      "AWSConfigRemediation-DeleteSecret",
      List.of(
          Param.ASSUME_ROLE,
          new Param("RecoveryWindowInDays", false, Optional.of("30"), 7, 30),
          Param.SECRET_ID),
      List.of("DescribeSecret", "DeleteSecret", "VerifySecretDeletion"));

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::\\d{12}:role/[\\u0021-\\u007E]{1,512}");

  /**
   * A runbook parameter; an integer one has the range {@code [min, max]} ({@code max == 0}: a
   * string).
   */
  record Param(String name, boolean required, Optional<String> defaultValue, int min, int max) {
    static final Param ASSUME_ROLE =
        new Param("AutomationAssumeRole", true, Optional.empty(), 0, 0);
    static final Param SECRET_ID = new Param("SecretId", true, Optional.empty(), 0, 0);

    boolean integer() {
      return max > 0;
    }
  }

  /** A step that could not be done; its message is the execution's failure reason. */
  static final class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepFailed(String message) {
      super(message, null, false, false);
    }
  }

  private final String documentName;
  private final List<Param> params;
  private final List<String> steps;

  Runbook(String documentName, List<Param> params, List<String> steps) {
    this.documentName = documentName;
    this.params = params;
    this.steps = steps;
  }

  String documentName() {
    return documentName;
  }

  List<String> steps() {
    return steps;
  }

  static Optional<Runbook> byName(String targetId) {
    return Arrays.stream(values()).filter(r -> r.documentName.equals(targetId)).findFirst();
  }

  static List<String> names() {
    return Arrays.stream(values()).map(Runbook::documentName).toList();
  }

  /**
   * Checks a configuration's parameters against the runbook: no unknown names, every required one
   * given, one static value each, integers in range, the role an IAM role ARN.
   *
   * @throws InvalidParameterValueException naming the first problem
   */
  void validate(Map<String, ParameterValue> given) {
    for (String name : given.keySet()) {
      if (params.stream().noneMatch(p -> p.name().equals(name))) {
        throw new InvalidParameterValueException(
            "The parameter " + name + " is not a parameter of the document " + documentName + ".");
      }
    }
    for (Param p : params) {
      ParameterValue v = given.get(p.name());
      if (v == null) {
        if (p.required()) {
          throw new InvalidParameterValueException(
              "The parameter " + p.name() + " of the document " + documentName + " is required.");
        }
        continue;
      }
      if (v.resourceValue().isPresent()) {
        if (!v.resourceValue().get().equals(ParameterValue.RESOURCE_ID)) {
          throw new InvalidParameterValueException(
              "ResourceValue.Value of " + p.name() + " must be RESOURCE_ID.");
        }
        if (p.integer() || p == Param.ASSUME_ROLE) {
          throw new InvalidParameterValueException(
              "The parameter " + p.name() + " cannot take the resource id as its value.");
        }
        continue;
      }
      if (v.staticValues().size() != 1) {
        throw new InvalidParameterValueException(
            "The parameter " + p.name() + " takes exactly one static value.");
      }
      check(p, v.staticValues().get(0));
    }
  }

  private static void check(Param p, String value) {
    if (p.integer()) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        n = Integer.MIN_VALUE;
      }
      if (n < p.min() || n > p.max()) {
        throw new InvalidParameterValueException(
            "The parameter "
                + p.name()
                + " must be an integer from "
                + p.min()
                + " to "
                + p.max()
                + ", not '"
                + value
                + "'.");
      }
    } else if (p == Param.ASSUME_ROLE && !ROLE_ARN.matcher(value).matches()) {
      throw new InvalidParameterValueException(
          "The parameter AutomationAssumeRole must be the ARN of an IAM role, not '"
              + value
              + "'.");
    } else if (value.isEmpty()) {
      throw new InvalidParameterValueException("The parameter " + p.name() + " is empty.");
    }
  }

  /** The parameters' values for a run on {@code resourceId}, defaults filled in. */
  Map<String, String> resolve(Map<String, ParameterValue> given, String resourceId) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Param p : params) {
      ParameterValue v = given.get(p.name());
      Optional<String> value = v == null ? p.defaultValue() : v.resolve(resourceId);
      value.ifPresent(s -> out.put(p.name(), s));
    }
    return out;
  }

  /**
   * Runs step {@code index} as {@code session}.
   *
   * @throws StepFailed when a verification finds the change not made
   * @throws dev.coffer.core.error.CofferException when a call is refused
   */
  void runStep(int index, Automation.Session session, Map<String, String> p) {
    String secretId = p.getOrDefault("SecretId", "");
    switch (steps.get(index)) {
      case "DescribeSecret" -> session.call("DescribeSecret", secretId(secretId));
      case "RotateSecret" -> {
        ObjectNode in = secretId(secretId);
        in.put("RotationLambdaARN", p.getOrDefault("RotationLambdaArn", ""));
        in.putObject("RotationRules")
            .put(
                "AutomaticallyAfterDays",
                Integer.parseInt(p.getOrDefault("RotationInterval", "1")));
        session.call("RotateSecret", in);
      }
      case "VerifyRotation" -> {
        ObjectNode out = session.call("DescribeSecret", secretId(secretId));
        if (!out.path("RotationEnabled").asBoolean(false)) {
          throw new StepFailed("Rotation is not enabled on the secret " + secretId + ".");
        }
      }
      case "DeleteSecret" -> {
        ObjectNode in = secretId(secretId);
        in.put(
            "RecoveryWindowInDays", Long.parseLong(p.getOrDefault("RecoveryWindowInDays", "30")));
        session.call("DeleteSecret", in);
      }
      case "VerifySecretDeletion" -> {
        ObjectNode out = session.call("DescribeSecret", secretId(secretId));
        if (!out.has("DeletedDate")) {
          throw new StepFailed("The secret " + secretId + " is not scheduled for deletion.");
        }
      }
      default -> throw new IllegalStateException("unknown step " + steps.get(index));
    }
  }

  private static ObjectNode secretId(String id) {
    return JsonNodeFactory.instance.objectNode().put("SecretId", id);
  }
}
