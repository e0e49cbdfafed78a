package dev.coffer.protocol.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.ConfigurationAggregator;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.InvalidParameterValueException;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PutConfigurationAggregator: an account-based aggregator over accounts and regions this server
 * hosts. Organization sources are refused (Coffer has no organizations).
 */
final class PutConfigurationAggregatorHandler implements Operation {
  static final Pattern NAME = Pattern.compile("[\\w\\-]+");
  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private final ComplianceEngine engine;

  PutConfigurationAggregatorHandler(ComplianceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "PutConfigurationAggregator";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    String name = in.requiredString("ConfigurationAggregatorName", 1, 256, NAME);
    List<JsonInput> sources = in.structList("AccountAggregationSources", 0, 1).orElse(List.of());
    boolean organization = in.has("OrganizationAggregationSource");
    in.validate();
    if (organization) {
      throw new InvalidParameterValueException(
          "Coffer has no organizations; use AccountAggregationSources.");
    }
    if (sources.isEmpty()) {
      throw new InvalidParameterValueException(
          "Specify AccountAggregationSources for the configuration aggregator.");
    }
    JsonInput s = sources.get(0);
    List<String> accounts = s.stringList("AccountIds", 1, 1000, 12, 12, ACCOUNT).orElse(List.of());
    boolean all = s.bool("AllAwsRegions").orElse(false);
    List<String> regions =
        new ArrayList<>(s.stringList("AwsRegions", 1, 50, 1, 64).orElse(List.of()));
    s.validate();
    ConfigurationAggregator a =
        engine.aggregators().put(ctx.accountId(), ctx.region(), name, accounts, all, regions);
    ObjectNode out = Json.object();
    out.set("ConfigurationAggregator", ConfigJson.aggregator(a));
    return out;
  }
}
