package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.secrets.SecretsService;

/** DescribeSecret. */
public final class DescribeSecretHandler implements Operation {
  private final SecretsService secrets;

  public DescribeSecretHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "DescribeSecret";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    in.validate();
    return SecretJson.describe(secrets.describe(ctx, secretId), "VersionIdsToStages");
  }
}
