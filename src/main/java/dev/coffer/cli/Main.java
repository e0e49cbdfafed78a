package dev.coffer.cli;

import dev.coffer.cli.bench.BenchCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coffer} command. */
@Command(
    name = "coffer",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "A self-hosted secrets service that speaks the AWS Secrets Manager API.",
    subcommands = {
      DevCommand.class,
      ServerCommand.class,
      BenchCommand.class,
      dev.coffer.cli.audit.AuditCommand.class,
      dev.coffer.cli.compliance.ComplianceCommand.class,
      dev.coffer.cli.operator.OperatorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  public static void main(String[] args) {
    configureLogging();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  /**
   * Applies the bundled logging configuration unless the user named one of their own. It is kept
   * beside this class rather than at the classpath root: Helidon's web server reads a root {@code
   * logging.properties} into the JVM's LogManager when the first server starts, which would
   * reconfigure logging for whatever embeds a server (tests among them), not only for this command.
   */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream in = Main.class.getResourceAsStream("logging.properties")) {
      if (in != null) {
        LogManager.getLogManager().readConfiguration(in);
      }
    } catch (IOException e) {
      System.err.println(
          "coffer: cannot read the bundled logging configuration: " + e.getMessage());
    }
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
