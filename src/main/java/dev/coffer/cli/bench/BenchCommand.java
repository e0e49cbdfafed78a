package dev.coffer.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code coffer bench}: performance tools. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Performance tools; see the README's \"Performance\" section.",
    subcommands = {LoadCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
