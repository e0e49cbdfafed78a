package dev.coffer.cli;

import dev.coffer.server.CofferServer;
import dev.coffer.server.ListenerSettings;
import dev.coffer.server.RootCredentials;
import dev.coffer.server.ServerConfig;
import dev.coffer.server.TlsSettings;
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
    String scheme = config.network().tls().isPresent() ? "https://" : "http://";
    String endpoint = scheme + hostForUrl(config.host()) + ":" + server.port();
    PrintStream out = System.out;
    out.println("Coffer is listening on " + endpoint);
    for (ListenerSettings l : config.network().listeners()) {
      out.println(
          "  listener "
              + l.name()
              + ": "
              + (l.tls().isPresent() ? "https://" : "http://")
              + hostForUrl(l.host())
              + ":"
              + server.port(l.name())
              + l.endpointId().map(id -> "  (aws:SourceVpce " + id + ")").orElse("")
              + (l.tls().map(TlsSettings::requireClientCertificate).orElse(false)
                  ? "  (client certificate required)"
                  : ""));
    }
    out.println("  storage: " + redact(config.storageUrl()));
    out.println("  account: " + config.accountId() + "   region: " + region);
    out.println();
    out.println("Root user credentials (keep them private):");
    out.println("  export AWS_ACCESS_KEY_ID=" + root.accessKeyId());
    out.println("  export AWS_SECRET_ACCESS_KEY=" + root.secretAccessKey());
    out.println("  export AWS_REGION=" + region);
    out.println("  export AWS_ENDPOINT_URL=" + endpoint);
    CofferServer.localCaCertificate(config)
        .ifPresent(ca -> printTrustHints(out, ca.toAbsolutePath().normalize().toString()));
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

  /** How to make clients trust the local development CA. */
  private static void printTrustHints(PrintStream out, String ca) {
    out.println();
    out.println("TLS: the certificate is issued by Coffer's local CA (localhost, 127.0.0.1, ::1).");
    out.println("Trust that CA, not the server certificate (it is kept across restarts):");
    out.println("  export AWS_CA_BUNDLE=" + ca + "          # AWS CLI, SDKs, coffer client");
    out.println("  aws --ca-bundle " + ca + " secretsmanager list-secrets");
    out.println(
        "  keytool -importcert -noprompt -alias coffer-local-ca -file "
            + ca
            + " -keystore coffer-truststore.p12 -storepass changeit");
    out.println(
        "  java -Djavax.net.ssl.trustStore=coffer-truststore.p12"
            + " -Djavax.net.ssl.trustStorePassword=changeit ...   # Java clients");
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Hides a password that a JDBC URL may carry. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
