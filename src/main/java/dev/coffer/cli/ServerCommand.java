package dev.coffer.cli;

import dev.coffer.server.ConfigFile;
import dev.coffer.server.RootCredentials;
import dev.coffer.server.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coffer server --config FILE}: a server configured from a YAML file. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Start Coffer from a YAML configuration file (see the README for every key).")
final class ServerCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The YAML configuration file.")
  Path config = Path.of("coffer.yaml");

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig c = ConfigFile.load(config, System.getenv());
    RootCredentials root = new RootCredentials(c.rootAccessKeyId(), c.rootSecretAccessKey());
    return Serve.run(c, Clock.systemUTC(), root, c.regions().get(0));
  }
}
