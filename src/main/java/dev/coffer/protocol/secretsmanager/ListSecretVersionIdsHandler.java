package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import dev.coffer.secrets.SecretView;
import dev.coffer.secrets.SecretsService;
import java.util.Comparator;
import java.util.List;

/**
 * ListSecretVersionIds: the versions of a secret, newest first; unlabelled versions only with
 * IncludeDeprecated. Pages are cut by position and the token is bound to the request.
 */
public final class ListSecretVersionIdsHandler implements Operation {
  static final int DEFAULT_PAGE = 100;
  private final SecretsService secrets;

  public ListSecretVersionIdsHandler(SecretsService secrets) {
    this.secrets = secrets;
  }

  @Override
  public String name() {
    return "ListSecretVersionIds";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String secretId = Members.secretId(in);
    int max = in.integer("MaxResults", 1, 100).map(Long::intValue).orElse(DEFAULT_PAGE);
    var token = in.string("NextToken", 1, 4096);
    boolean deprecated = in.bool("IncludeDeprecated").orElse(false);
    in.validate();
    String binding = "ListSecretVersionIds|" + secretId + "|" + deprecated;
    int offset = token.map(t -> PageToken.decode(t, binding)).orElse(0);
    SecretView s = secrets.versions(ctx, secretId, deprecated);
    List<SecretView.VersionView> versions =
        s.versions().stream()
            .filter(v -> deprecated || !v.stages().isEmpty())
            .sorted(Comparator.comparing(SecretView.VersionView::createdDate).reversed())
            .toList();
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Versions");
    int end = Math.min(versions.size(), offset + max);
    for (SecretView.VersionView v : versions.subList(Math.min(offset, versions.size()), end)) {
      ObjectNode o = list.addObject();
      o.put("VersionId", v.versionId());
      o.set("VersionStages", Json.strings(v.stages()));
      Json.putDateIfPresent(o, "LastAccessedDate", v.lastAccessedDate());
      o.put("CreatedDate", Json.timestamp(v.createdDate()));
      o.set("KmsKeyIds", Json.strings(v.kmsKeyIds()));
    }
    if (end < versions.size()) {
      out.put("NextToken", PageToken.encode(end, binding));
    }
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    return out;
  }
}
