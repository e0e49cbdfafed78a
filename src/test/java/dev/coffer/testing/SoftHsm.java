package dev.coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A SoftHSM2 token for the PKCS#11 seal tests, made once per test JVM: surefire points
 * SOFTHSM2_CONF at target/softhsm2/softhsm2.conf, which this writes with a fresh token directory
 * before the module is first loaded, then initialises a token with {@code softhsm2-util}. SoftHSM2
 * comes from Debian's {@code softhsm2} package, which {@code ./build test} installs; without it the
 * tests fail, never skip.
 */
public final class SoftHsm {
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  public static final String USER_PIN = "4711";
  public static final String SO_PIN = "0815";
  private static boolean ready;

  private SoftHsm() {}

  /** Makes sure the token exists; fails with what to install when SoftHSM2 is missing. */
  public static synchronized void token() {
    if (ready) {
      return;
    }
    if (!Files.isReadable(Path.of(LIBRARY))
        || !Files.isExecutable(Path.of("/usr/bin/softhsm2-util"))) {
      throw new AssertionError(
          "SoftHSM2 is not installed (need "
              + LIBRARY
              + " and softhsm2-util): run ./build test, which installs Debian's softhsm2, or"
              + " apt-get install softhsm2");
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      throw new AssertionError(
          "SOFTHSM2_CONF is not set: run the tests through Maven (surefire sets it)");
    }
    try {
      Path confFile = Path.of(conf);
      Files.createDirectories(confFile.getParent());
      Path tokens = Files.createTempDirectory(confFile.getParent(), "tokens");
      Files.writeString(
          confFile,
          "directories.tokendir = "
              + tokens.toAbsolutePath()
              + "\nobjectstore.backend = file\nlog.level = ERROR\n",
          StandardCharsets.UTF_8);
      run(
          List.of(
              "softhsm2-util",
              "--init-token",
              "--free",
              "--label",
              "coffer-test",
              "--pin",
              USER_PIN,
              "--so-pin",
              SO_PIN));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ready = true;
  }

  private static void run(List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
