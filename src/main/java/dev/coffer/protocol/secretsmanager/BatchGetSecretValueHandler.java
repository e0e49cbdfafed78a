package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidNextTokenException;
import dev.coffer.protocol.AuditHook;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import dev.coffer.secrets.SecretBatch;
import dev.coffer.secrets.SecretFilters;
import dev.coffer.secrets.SecretListing;
import dev.coffer.secrets.SecretValueView;
import java.util.Optional;

/**
 * BatchGetSecretValue: the current values of the secrets in SecretIdList, or of one page of the
 * secrets that pass Filters; secrets that cannot be read are reported in Errors. A page holds 20
 * secrets unless MaxResults says fewer.
 */
public final class BatchGetSecretValueHandler implements Operation {
  private final SecretBatch batch;

  public BatchGetSecretValueHandler(SecretBatch batch) {
    this.batch = batch;
  }

  @Override
  public String name() {
    return "BatchGetSecretValue";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    var ids = in.stringList("SecretIdList", 1, SecretBatch.MAX_SECRETS, 1, 2048);
    var rawFilters = FilterMembers.read(in);
    var max = in.integer("MaxResults", 1, SecretBatch.MAX_SECRETS);
    var token = in.string("NextToken", 1, 4096);
    in.validate();
    SecretBatch.checkParameters(ids.isPresent(), rawFilters.isPresent(), max.isPresent());
    if (ids.isPresent()) {
      if (token.isPresent()) {
        // A SecretIdList is answered in one response, so no token belongs to such a request.
        throw new InvalidNextTokenException("The NextToken value is invalid.");
      }
      return write(batch.byIds(ctx, ids.get()), "");
    }
    SecretFilters filters = FilterMembers.check(rawFilters);
    String binding = "BatchGetSecretValue|" + SecretListing.Query.of(filters).binding();
    int offset = token.map(t -> PageToken.decode(t, binding)).orElse(0);
    int pageSize = max.map(Long::intValue).orElse(SecretBatch.MAX_SECRETS);
    return write(batch.byFilters(ctx, filters, offset, pageSize), binding);
  }

  private static ObjectNode write(SecretBatch.Result result, String binding) {
    ObjectNode out = Json.object();
    ArrayNode values = out.putArray("SecretValues");
    for (SecretValueView v : result.values()) {
      values.add(GetSecretValueHandler.write(v));
      // CloudTrail logs BatchGetSecretValue as one GetSecretValue event per secret (API
      // Reference, BatchGetSecretValue).
      AuditHook.emit("GetSecretValue", Json.object().put("SecretId", v.arn()), Optional.empty());
    }
    result.nextOffset().ifPresent(n -> out.put("NextToken", PageToken.encode(n, binding)));
    ArrayNode errors = out.putArray("Errors");
    for (SecretBatch.Failure f : result.failures()) {
      AuditHook.emit(
          "GetSecretValue", Json.object().put("SecretId", f.secretId()), Optional.of(f.error()));
      errors
          .addObject()
          .put("SecretId", f.secretId())
          .put("ErrorCode", f.errorCode())
          .put("Message", f.message());
    }
    return out;
  }
}
