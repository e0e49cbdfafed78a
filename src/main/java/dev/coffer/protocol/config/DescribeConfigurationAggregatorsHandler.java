package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ConfigurationAggregator;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.List;

/** DescribeConfigurationAggregators: the named aggregators, or all of the account and region. */
final class DescribeConfigurationAggregatorsHandler implements Operation {
  private final ComplianceEngine engine;

  DescribeConfigurationAggregatorsHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "DescribeConfigurationAggregators";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    List<String> names =
        in.stringList("ConfigurationAggregatorNames", 0, 10, 1, 256).orElse(List.of());
    int limit = ConfigJson.limit(in, "Limit", 100, 100);
    String binding = name() + "\n" + ctx.accountId() + "\n" + names + limit;
    int offset = ConfigJson.offset(in, "NextToken", binding);
    in.validate();
    List<ConfigurationAggregator> all =
        engine.aggregators().describe(ctx.accountId(), ctx.region(), names);
    ObjectNode out = Json.object();
    ConfigJson.page(
        out,
        "ConfigurationAggregators",
        "NextToken",
        all.subList(Math.min(offset, all.size()), all.size()),
        offset,
        limit,
        binding,
        ConfigJson::aggregator);
    return out;
  }
}
