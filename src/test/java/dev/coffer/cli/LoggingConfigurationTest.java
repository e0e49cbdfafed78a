package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Only the {@code coffer} command configures logging: a server started in a test (or embedded
 * anywhere) leaves the JVM's logging configuration as it found it. Helidon reads a {@code
 * logging.properties} at the classpath root into the LogManager when the JVM's first server starts,
 * so Coffer's configuration is kept beside {@link Main} instead.
 */
class LoggingConfigurationTest {
  @Test
  void startingAServer_leavesTheJvmLoggingConfigurationAlone() {
    Logger root = Logger.getLogger("");
    Level level = root.getLevel();
    List<Handler> handlers = List.of(root.getHandlers());

    try (TestServer server = TestServer.start(Backend.SQLITE)) {
      assertThat(server.server().port()).isPositive();
    }

    assertThat(root.getLevel()).isEqualTo(level);
    // Reading a configuration would have replaced the handlers (Helidon adds one of its own, a
    // no-op that keeps logging alive while its shutdown hook runs).
    assertThat(root.getHandlers()).containsAll(handlers);
    // Whichever test started the JVM's first server: the command's settings (libraries at WARNING,
    // its own format) were never applied.
    assertThat(LogManager.getLogManager().getProperty("dev.coffer.level")).isNull();
    assertThat(Logger.getLogger("dev.coffer.server").isLoggable(Level.WARNING)).isTrue();
  }

  @Test
  void classpathRoot_holdsNoLoggingConfigurationForHelidonToApply() {
    assertThat(LoggingConfigurationTest.class.getResource("/logging.properties")).isNull();
    assertThat(LoggingConfigurationTest.class.getResource("/logging-test.properties")).isNull();
  }

  @Test
  void command_findsItsBundledConfiguration() {
    assertThat(Main.class.getResource("logging.properties")).isNotNull();
  }
}
