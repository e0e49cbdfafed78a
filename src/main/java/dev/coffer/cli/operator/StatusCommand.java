package dev.coffer.cli.operator;

import dev.coffer.cli.CofferEndpointOptions;
import dev.coffer.cli.SignedJsonClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code coffer operator status}: initialised? sealed? unseal and re-wrap progress. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show whether the server is initialised and sealed, and re-wrap progress.")
final class StatusCommand implements Callable<Integer> {
  @Mixin CofferEndpointOptions connection = new CofferEndpointOptions();

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
      OperatorCommand.printStatus(
          spec.commandLine().getOut(), client.call("Status", client.object()));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("coffer operator status: " + e.getMessage());
      return 2;
    }
  }
}
