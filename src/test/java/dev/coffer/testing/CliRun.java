package dev.coffer.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of a {@code coffer} command group (a picocli command object), as a user's
 * shell would run it: its exit status and {@code out}, standard output and error as printed.
 */
public record CliRun(int exit, String out) {
  /**
   * A shell's environment for a client command: the root key of every test server (with {@code
   * secretKey} as its secret), us-east-1, no AWS config or credentials files, and {@code
   * COFFER_ENDPOINT} set to {@code endpoint}.
   */
  public static Map<String, String> env(String endpoint, String secretKey) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", TestServer.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", secretKey);
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("COFFER_ENDPOINT", endpoint);
    return Map.copyOf(env);
  }

  /** {@link #env(String, String)} for {@code server}'s endpoint and the root user's secret. */
  public static Map<String, String> env(TestServer server) {
    return env(server.endpoint().toString(), TestServer.SECRET_KEY);
  }

  /** Runs {@code command} with {@code args}. */
  public static CliRun run(Object command, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString());
  }
}
