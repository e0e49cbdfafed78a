package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretRotation;
import java.util.Optional;

/**
 * RotateSecret. The RotationRules members are passed on unchecked: their ranges, patterns and
 * combinations are validated together by the rotation schedule, which answers
 * InvalidParameterException as Secrets Manager does ("RotationRules.AutomaticallyAfterDays must be
 * within 1-1000.").
 */
public final class RotateSecretHandler implements Operation {
  private final SecretRotation rotation;

  public RotateSecretHandler(SecretRotation rotation) {
    this.rotation = rotation;
  }

  @Override
  public String name() {
    return "RotateSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    var token = Members.clientRequestToken(in);
    var function = in.string("RotationLambdaARN", 0, 2048);
    Optional<SecretRotation.RulesInput> rules =
        in.struct("RotationRules")
            .map(r ->
                new SecretRotation.RulesInput(
                    r.integer("AutomaticallyAfterDays", Long.MIN_VALUE, Long.MAX_VALUE),
                    r.string("ScheduleExpression", 0, Integer.MAX_VALUE),
                    r.string("Duration", 0, Integer.MAX_VALUE)));
    boolean immediately = in.bool("RotateImmediately").orElse(true);
    in.string("ExternalSecretRotationRoleArn", 20, 2048);
    in.validate();
    var r =
        rotation.rotate(
            ctx, new SecretRotation.RotateRequest(secretId, token, function, rules, immediately));
    ObjectNode out = Json.object().put("ARN", r.arn()).put("Name", r.name());
    Json.putIfPresent(out, "VersionId", r.versionId());
    return out;
  }
}
