package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The connection options the client commands share, parsed as picocli parses them. */
class ClientOptionsTest {
  private static final Map<String, String> ENV =
      Map.of(
          "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
          "AWS_SECRET_ACCESS_KEY", "secret",
          "AWS_REGION", "eu-west-1",
          "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
          "AWS_CONFIG_FILE", "/dev/null",
          "COFFER_ENDPOINT", "http://127.0.0.1:9999");

  @Command(name = "probe")
  static final class Probe {
    @Mixin CofferEndpointOptions options = new CofferEndpointOptions();
  }

  private static CofferEndpointOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.options;
  }

  @Test
  void credentials_noOptions_environmentDecides() {
    CofferEndpointOptions o = parse();
    assertThat(o.credentials(ENV).region()).isEqualTo("eu-west-1");
    assertThat(o.credentials(ENV).credentials().accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(o.endpoint(ENV)).hasToString("http://127.0.0.1:9999");
  }

  @Test
  void credentials_regionAndEndpointOptions_winOverEnvironment() {
    CofferEndpointOptions o = parse("--region", "ap-south-1", "--endpoint-url", "http://h:1");
    assertThat(o.credentials(ENV).region()).isEqualTo("ap-south-1");
    assertThat(o.endpoint(ENV)).hasToString("http://h:1");
  }

  @Test
  void endpoint_nothingSet_isTheLocalDefault() {
    assertThat(parse().endpoint(Map.of())).hasToString(CofferEndpointOptions.DEFAULT_ENDPOINT);
  }
}
