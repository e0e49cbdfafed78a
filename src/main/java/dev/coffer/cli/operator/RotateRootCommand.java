package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code coffer operator rotate-root}: a new root key generation; the server re-wraps all key
 * material under it in the background while it keeps serving.
 */
@Command(
    name = "rotate-root",
    mixinStandardHelpOptions = true,
    description = "Rotate the root key and re-wrap all key material under the new one.")
final class RotateRootCommand implements Callable<Integer> {
  @Mixin CofferEndpointOptions connection = new CofferEndpointOptions();

  @Option(names = "--wait", description = "Wait until the re-wrap has finished.")
  boolean await;

  @SuppressWarnings("NullAway.Init") // injected by picocli
  @ParentCommand
  OperatorCommand parent;

  @SuppressWarnings("NullAway.Init") // injected by picocli before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    try {
      SignedJsonClient client = parent.client(connection);
      JsonNode s = client.call("RotateRoot", client.object());
      while (await
          && (s.path("RewrapInProgress").asBoolean() || s.path("RewrapRemaining").asLong() > 0)) {
        Thread.sleep(500);
        s = client.call("Status", client.object());
      }
      OperatorCommand.printStatus(spec.commandLine().getOut(), s);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("coffer operator rotate-root: " + e.getMessage());
      return 2;
    }
  }
}
