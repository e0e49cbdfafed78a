package dev.coffer.cli.operator;

import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code coffer operator status}: initialised? sealed? unseal and re-wrap progress. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show whether the server is initialised and sealed, and re-wrap progress.")
final class StatusCommand extends ClientSubcommand {
  @Override
  public Integer call() {
    try {
      SignedJsonClient client = client();
      OperatorCommand.printStatus(out(), client.call("Status", client.object()));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }
}
