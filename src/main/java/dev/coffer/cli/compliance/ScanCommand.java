package dev.coffer.cli.compliance;

import dev.coffer.cli.ClientCredentials;
import dev.coffer.cli.ClientOptions;
import dev.coffer.cli.SignedJsonClient;
import dev.coffer.compliance.ManagedRule;
import dev.coffer.compliance.ManagedRules;
import dev.coffer.core.error.CofferException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code coffer compliance scan}: evaluates the five managed rules and Access Analyzer's external
 * access check against any Secrets Manager endpoint (AWS itself or another Coffer), with read-only
 * calls under the caller's credentials. Exit 0 when everything is compliant, 1 when something is
 * not, 2 on errors.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate the Secrets Manager managed rules against any Secrets Manager endpoint (AWS or"
          + " another Coffer), read-only: ListSecrets, DescribeSecret, GetResourcePolicy and"
          + " kms:DescribeKey. Never reads secret values.",
      "Exit status: 0 all compliant, 1 some result NON_COMPLIANT, 2 error."
    })
final class ScanCommand implements Callable<Integer> {
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(1);

  @SuppressWarnings("NullAway.Init") // required option, set by picocli
  @Option(
      names = "--endpoint-url",
      required = true,
      paramLabel = "URL",
      description =
          "The Secrets Manager endpoint, e.g. https://secretsmanager.eu-west-1.amazonaws.com or"
              + " a Coffer server's URL.")
  String endpointUrl;

  @Option(
      names = "--kms-endpoint-url",
      paramLabel = "URL",
      description =
          "The KMS endpoint for kms:DescribeKey (default: --endpoint-url, with a host"
              + " secretsmanager.* turned into kms.*).")
  @org.jspecify.annotations.Nullable
  String kmsEndpointUrl;

  @Mixin ClientOptions clientOptions = new ClientOptions();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text (a table), json, csv, or html (the page of `coffer compliance report`, unsigned"
              + " and without the server's own controls) (default: text).")
  String format = "text";

  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Write the results to PATH instead of standard output.")
  @org.jspecify.annotations.Nullable
  Path output;

  @Option(
      names = "--rules",
      split = ",",
      paramLabel = "RULE",
      description =
          "The rules to evaluate, comma-separated (default: all five):"
              + " secretsmanager-rotation-enabled-check,"
              + " secretsmanager-scheduled-rotation-success-check,"
              + " secretsmanager-secret-periodic-rotation, secretsmanager-secret-unused,"
              + " secretsmanager-using-cmk.")
  List<String> rules = new ArrayList<>();

  @Option(
      names = "--parameter",
      paramLabel = "KEY=VALUE",
      description =
          "A rule parameter, repeatable: maximumAllowedRotationFrequency,"
              + " maximumAllowedRotationFrequencyInHours, maxDaysSinceRotation (default 90),"
              + " unusedForDays (default 90), kmsKeyArns (comma-separated key ARNs).")
  Map<String, String> parameters = new LinkedHashMap<>();

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  ComplianceCommand parent;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (!format.matches("text|json|csv|html")) {
        throw new IllegalArgumentException("--format must be text, json, csv or html");
      }
      Map<ManagedRule, Map<String, String>> selected = selectedRules();
      ClientCredentials.Resolved creds = clientOptions.credentials(parent.env());
      String signingRegion = creds.region();
      URI smEndpoint = URI.create(endpointUrl);
      URI kmsEndpoint =
          kmsEndpointUrl != null ? URI.create(kmsEndpointUrl) : kmsEndpointFor(smEndpoint);
      HttpClient http = clientOptions.http(parent.env());
      EndpointScanner scanner =
          new EndpointScanner(
              new SignedJsonClient(
                  smEndpoint,
                  creds,
                  signingRegion,
                  "secretsmanager",
                  "secretsmanager",
                  http,
                  CALL_TIMEOUT),
              new SignedJsonClient(
                  kmsEndpoint, creds, signingRegion, "kms", "TrentService", http, CALL_TIMEOUT));
      Instant now = parent.clock().instant();
      ScanReport report =
          ScanReport.evaluate(endpointUrl, scanner.scan(now), selected, scanner.keys(), now);
      String text = report.render(format);
      if (output != null) {
        Files.write(output, text.getBytes(StandardCharsets.UTF_8));
        out.println("Wrote " + output + " (" + format + ")");
      } else {
        out.print(text);
      }
      out.flush();
      return report.anyNonCompliant() ? 1 : 0;
    } catch (IOException | UncheckedIOException | IllegalArgumentException | CofferException e) {
      String message =
          e instanceof UncheckedIOException u && u.getCause() != null
              ? u.getCause().getMessage()
              : e.getMessage();
      spec.commandLine().getErr().println("coffer compliance scan: " + message);
      spec.commandLine().getErr().flush();
      return 2;
    }
  }

  /** The rules to run, each with the parameters it accepts; unknown names or keys are errors. */
  private Map<ManagedRule, Map<String, String>> selectedRules() {
    List<ManagedRule> chosen = new ArrayList<>();
    if (rules.isEmpty()) {
      chosen.addAll(List.of(ManagedRule.values()));
    }
    for (String name : rules) {
      ManagedRule rule = null;
      for (ManagedRule r : ManagedRule.values()) {
        if (r.defaultName().equals(name.trim()) || r.identifier().equals(name.trim())) {
          rule = r;
        }
      }
      if (rule == null) {
        throw new IllegalArgumentException("unknown rule " + name + " in --rules");
      }
      chosen.add(rule);
    }
    Map<ManagedRule, Map<String, String>> out = new LinkedHashMap<>();
    for (ManagedRule r : chosen) {
      Map<String, String> own = new LinkedHashMap<>();
      parameters.forEach((k, v) -> {
        if (r.parameters().contains(k)) {
          own.put(k, v);
        }
      });
      ManagedRules.validate(r, own);
      out.put(r, own);
    }
    for (String key : parameters.keySet()) {
      if (chosen.stream().noneMatch(r -> r.parameters().contains(key))) {
        throw new IllegalArgumentException(
            "--parameter " + key + " is not a parameter of any rule being evaluated");
      }
    }
    return out;
  }

  /** AWS's KMS endpoint beside its Secrets Manager one; any other endpoint serves both. */
  static URI kmsEndpointFor(URI secretsManager) {
    String host = secretsManager.getHost();
    if (host != null && host.startsWith("secretsmanager.")) {
      return URI.create(secretsManager.toString().replaceFirst("//secretsmanager\\.", "//kms."));
    }
    return secretsManager;
  }
}
