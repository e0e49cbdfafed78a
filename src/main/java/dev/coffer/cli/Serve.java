package dev.coffer.cli;

import dev.coffer.server.CofferServer;
import dev.coffer.server.RootCredentials;
import dev.coffer.server.ServerConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs a server in the foreground until Ctrl-C (SIGINT/SIGTERM), then shuts it down cleanly. */
final class Serve {
  private Serve() {}

  static int run(ServerConfig config, Clock clock, RootCredentials root, String region)
      throws InterruptedException {
    CofferServer server = CofferServer.start(config, clock);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("coffer: shutting down");
                  server.close();
                  stopped.countDown();
                },
                "coffer-shutdown"));
    String endpoint = "http://" + hostForUrl(config.host()) + ":" + server.port();
    PrintStream out = System.out;
    out.println("Coffer is listening on " + endpoint);
    out.println("  storage: " + redact(config.storageUrl()));
    out.println("  account: " + config.accountId() + "   region: " + region);
    out.println();
    out.println("Root user credentials (keep them private):");
    out.println("  export AWS_ACCESS_KEY_ID=" + root.accessKeyId());
    out.println("  export AWS_SECRET_ACCESS_KEY=" + root.secretAccessKey());
    out.println("  export AWS_REGION=" + region);
    out.println("  export AWS_ENDPOINT_URL=" + endpoint);
    out.println();
    if (config.iam().acceptAnyCredentials()) {
      String warning =
          "WARNING: INSECURE: --accept-any-credentials is on. ANY access key is accepted, without"
              + " checking its signature, as the root user of account "
              + config.accountId()
              + ". Use it for local testing only.";
      out.println(warning);
      System.err.println(warning);
      out.println();
    }
    out.println("Try: aws secretsmanager create-secret --name demo --secret-string hello");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Hides a password that a JDBC URL may carry. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
