package dev.coffer.cli.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code coffer operator rotate-root}: a new root key generation; the server re-wraps all key
 * material under it in the background while it keeps serving.
 */
@Command(
    name = "rotate-root",
    mixinStandardHelpOptions = true,
    description = "Rotate the root key and re-wrap all key material under the new one.")
final class RotateRootCommand extends ClientSubcommand {
  @Option(names = "--wait", description = "Wait until the re-wrap has finished.")
  boolean await;

  @Override
  public Integer call() {
    try {
      SignedJsonClient client = client();
      JsonNode s = client.call("RotateRoot", client.object());
      while (await
          && (s.path("RewrapInProgress").asBoolean() || s.path("RewrapRemaining").asLong() > 0)) {
        Thread.sleep(500);
        s = client.call("Status", client.object());
      }
      OperatorCommand.printStatus(out(), s);
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }
}
