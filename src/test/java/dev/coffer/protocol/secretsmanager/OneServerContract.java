package dev.coffer.protocol.secretsmanager;

import dev.coffer.testing.Backend;
import dev.coffer.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A contract that runs against one server started for the whole class, on the backend its subclass
 * chooses, through an SDK Secrets Manager client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneServerContract {
  TestServer server;
  SecretsManagerClient sm;

  abstract Backend backend();

  /** Starts the server; a contract that needs its own clock overrides this. */
  TestServer start(Backend backend) {
    return TestServer.start(backend);
  }

  @BeforeAll
  final void startServer() {
    server = start(backend());
    sm = server.secretsManager();
  }

  @AfterAll
  final void stopServer() {
    sm.close();
    server.close();
  }
}
