package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ConfigurationItem;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidTimeRangeException;
import dev.coffer.core.error.ResourceNotDiscoveredException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GetResourceConfigHistory: a secret's configuration items, newest first unless {@code
 * chronologicalOrder} is Forward; {@code limit} up to 100 (default 10). Members are lowerCamel, as
 * in AWS's model.
 */
final class GetResourceConfigHistoryHandler implements Operation {
  static final int DEFAULT_PAGE = 10;
  private final ComplianceEngine engine;

  GetResourceConfigHistoryHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "GetResourceConfigHistory";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String type = in.requiredString("resourceType", 1, 256);
    String id = in.requiredString("resourceId", 1, 768);
    Optional<Instant> later = in.timestamp("laterTime");
    Optional<Instant> earlier = in.timestamp("earlierTime");
    boolean forward =
        in.enumString("chronologicalOrder", List.of("Reverse", "Forward"))
            .filter("Forward"::equals)
            .isPresent();
    int limit = ConfigJson.limit(in, "limit", 100, DEFAULT_PAGE);
    String binding =
        name() + "\n" + ctx.accountId() + "\n" + type + id + later + earlier + forward + limit;
    int offset = ConfigJson.offset(in, "nextToken", binding);
    in.validate();
    if (earlier.isPresent() && later.isPresent() && earlier.get().isAfter(later.get())) {
      throw new InvalidTimeRangeException("The earlierTime must be before the laterTime.");
    }
    if (!type.equals(EvaluationResult.SECRET_TYPE)) {
      throw new ResourceNotDiscoveredException(
          "Resource " + id + " of resourceType:" + type + " is unknown or has not been discovered");
    }
    List<ConfigurationItem> rows =
        engine.history(
            ctx.accountId(),
            id,
            earlier.orElse(Instant.EPOCH),
            later.orElse(Instant.parse("9999-12-31T23:59:59Z")),
            forward,
            offset,
            limit + 1);
    ObjectNode out = Json.object();
    ConfigJson.page(
        out, "configurationItems", "nextToken", rows, offset, limit, binding, ConfigJson::item);
    return out;
  }
}
