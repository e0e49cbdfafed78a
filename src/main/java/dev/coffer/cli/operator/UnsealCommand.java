package dev.coffer.cli.operator;

import dev.coffer.cli.ClientSubcommand;
import dev.coffer.cli.SignedJsonClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code coffer operator unseal [KEY]}: submits one unseal share (repeat until the threshold), the
 * passphrase or the token PIN. Without KEY it is read from the terminal without echo, or from
 * standard input, so that it stays out of shell history.
 */
@Command(
    name = "unseal",
    mixinStandardHelpOptions = true,
    description = "Submit an unseal share, the passphrase or the token PIN.")
final class UnsealCommand extends ClientSubcommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "KEY",
      description = "The share, passphrase or PIN (read from the terminal when omitted).")
  @org.jspecify.annotations.Nullable
  String key;

  @Override
  public Integer call() {
    try {
      String k = key != null ? key : readKey();
      SignedJsonClient client = client();
      OperatorCommand.printStatus(
          out(), client.call("Unseal", client.object().put("UnsealKey", k)));
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      return failed(e);
    }
  }

  private static String readKey() throws IOException {
    java.io.Console console = System.console();
    if (console != null) {
      char[] typed = console.readPassword("Unseal key: ");
      if (typed == null) {
        throw new IOException("no unseal key given");
      }
      return new String(typed);
    }
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isBlank()) {
      throw new IOException("no unseal key given");
    }
    return line.strip();
  }
}
