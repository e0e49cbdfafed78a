package dev.coffer.server;

import dev.coffer.auth.Authenticator;
import dev.coffer.auth.CredentialStore;
import dev.coffer.auth.SigV4Authenticator;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.kms.Kms;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.kms.ValueProtector;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.protocol.kms.KmsApi;
import dev.coffer.protocol.secretsmanager.SecretsManagerApi;
import dev.coffer.secrets.SecretLifecycle;
import dev.coffer.secrets.SecretsService;
import dev.coffer.store.Store;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** A running Coffer server: storage, services and the HTTP listener, wired together. */
public final class CofferServer implements AutoCloseable {
  private final Store store;
  private final Kms kms;
  private final WebServer web;
  private final BackgroundJobs jobs;

  private CofferServer(Store store, Kms kms, WebServer web, BackgroundJobs jobs) {
    this.store = store;
    this.kms = kms;
    this.web = web;
    this.jobs = jobs;
  }

  /** Opens the store, wires the services and starts listening. */
  public static CofferServer start(ServerConfig config, Clock clock) {
    Store store = Store.open(config.storageUrl(), config.storageUser(), config.storagePassword());
    Kms kms = Kms.start(store, new KeyFileSeal(config.dataDir().resolve("root.key")), clock);
    try {
      CredentialStore credentials = new CredentialStore();
      credentials.add(
          new SigningCredential(
              config.rootAccessKeyId(),
              config.rootSecretAccessKey(),
              Caller.root(config.accountId(), config.rootAccessKeyId()),
              Optional.empty()));
      Authenticator authenticator = new SigV4Authenticator(credentials, clock);
      // Values sealed under DATA/value.key by the interim protector stay readable.
      ValueProtector protector =
          kms.envelope(LocalKeyProtector.ifPresent(config.dataDir().resolve("value.key")));
      SecretsService secrets = new SecretsService(store, protector, clock);
      SecretLifecycle lifecycle = new SecretLifecycle(secrets);
      List<Api> apis = List.of(SecretsManagerApi.create(secrets, lifecycle), KmsApi.create(kms));
      AwsJsonEndpoint endpoint =
          new AwsJsonEndpoint(apis, authenticator, clock, config.maxBodyBytes());
      WebServer web =
          WebServer.builder()
              .host(config.host())
              .port(config.port())
              .maxPayloadSize(config.maxBodyBytes() + 1L)
              .routing(r ->
                  r.post("/", endpoint)
                      .get(
                          "/health",
                          (req, res) -> {
                            res.header(HeaderNames.CONTENT_TYPE, "application/json");
                            res.send("{\"status\":\"ok\"}");
                          }))
              .build()
              .start();
      BackgroundJobs jobs =
          BackgroundJobs.start(lifecycle, kms::runHousekeeping, config.purgeInterval());
      return new CofferServer(store, kms, web, jobs);
    } catch (RuntimeException e) {
      kms.close();
      store.close();
      throw e;
    }
  }

  /** The port the server listens on. */
  public int port() {
    return web.port();
  }

  @Override
  public void close() {
    jobs.close();
    web.stop();
    kms.close();
    store.close();
  }
}
