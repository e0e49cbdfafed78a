package dev.coffer.server;

import dev.coffer.audit.AuditLog;
import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.ChainWitness;
import dev.coffer.auth.Authenticator;
import dev.coffer.auth.CredentialStore;
import dev.coffer.auth.SigV4Authenticator;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.rotation.RotationMetrics;
import dev.coffer.server.operator.OperatorApi;
import dev.coffer.store.Store;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A running Coffer server: storage, the seal, and the HTTP listener; once the root key is unsealed,
 * the services behind it. A sealed server answers nothing but {@code GET /health} and the operator
 * API.
 */
public final class CofferServer implements AutoCloseable {
  private final Store store;
  private final SealManager seal;
  private final WebServer web;
  private final AuditLog operatorAudit;
  private final Holder holder;

  /** The services, once unsealed, and credentials registered for them before they run. */
  private static final class Holder {
    private volatile @Nullable Services services;
    private final List<SigningCredential> added = new java.util.concurrent.CopyOnWriteArrayList<>();
  }

  private CofferServer(
      Store store, SealManager seal, WebServer web, AuditLog operatorAudit, Holder holder) {
    this.store = store;
    this.seal = seal;
    this.web = web;
    this.operatorAudit = operatorAudit;
    this.holder = holder;
  }

  /** Opens the store, unseals if the seal allows it without operators, and starts listening. */
  public static CofferServer start(ServerConfig config, Clock clock) {
    return start(config, clock, System::getenv);
  }

  /**
   * As {@link #start(ServerConfig, Clock)}, reading the seal's passphrase or PIN from {@code env}.
   */
  public static CofferServer start(
      ServerConfig config, Clock clock, Function<String, @Nullable String> env) {
    createDataDir(config.dataDir());
    Store store = Store.open(config.storageUrl(), config.storageUser(), config.storagePassword());
    Holder holder = new Holder();
    // The operator API is served sealed too, so it knows only the configured root credentials (IAM
    // users' keys are kept under the envelope, unreadable while sealed).
    CredentialStore credentials = new CredentialStore();
    credentials.add(
        new SigningCredential(
            config.rootAccessKeyId(),
            config.rootSecretAccessKey(),
            Caller.root(config.accountId(), config.rootAccessKeyId()),
            Optional.empty()));
    // Signatures are checked against real time even when the domain runs on an injected clock.
    Authenticator sealedAuthenticator = new SigV4Authenticator(credentials, Clock.systemUTC());
    // Once unsealed, every principal is recognised (and all but the root user denied).
    Authenticator authenticator =
        (request, service) -> {
          Services s = holder.services;
          return (s == null ? sealedAuthenticator : s.authenticator())
              .authenticate(request, service);
        };
    // Where notifications point receivers (the certificate URL): known once the listener runs.
    java.util.concurrent.atomic.AtomicReference<java.net.URI> self =
        new java.util.concurrent.atomic.AtomicReference<>(
            java.net.URI.create("http://" + config.host() + ":" + config.port()));
    // Every audit log of this server tells the sealer what it chained (one witness), so that the
    // operator API's events are sealed without reading them back like the services' are.
    ChainWitness auditWitness = ChainWitness.forServer(config.audit());
    SealManager[] sealRef = new SealManager[1];
    SealManager seal =
        new SealManager(
            store,
            SealProviders.create(config.seal(), config.dataDir(), env),
            config.dataDir().resolve("root.key"),
            clock,
            root -> {
              Services s = Services.start(config, store, root, clock, self::get, auditWitness);
              holder.added.forEach(c -> s.credentials().add(c));
              holder.services = s;
              sealRef[0].attach(s.rewrap());
            });
    sealRef[0] = seal;
    AuditLog operatorAudit = AuditLog.open(store, config.audit(), auditWitness);
    try {
      seal.unsealAutomatically();
      AwsJsonEndpoint operator =
          new AwsJsonEndpoint(
              List.of(OperatorApi.create(seal, config.accountId())),
              authenticator,
              clock,
              config.maxBodyBytes(),
              operatorAudit,
              config.accountId(),
              config.regions().get(0));
      HealthHandler health =
          new HealthHandler(seal, () -> Optional.ofNullable(holder.services).map(Services::audit));
      WebServer web =
          Listeners.start(
              config,
              (r, origin) ->
                  r.post(
                          "/",
                          new SealGate(
                              operator,
                              () -> {
                                Services s = holder.services;
                                return s == null ? null : s.router(origin);
                              }))
                      .get("/health", health)
                      .get(
                          NotificationWiring.CERTIFICATE_PATH,
                          (req, res) -> {
                            Services s = holder.services;
                            if (s == null) {
                              res.status(io.helidon.http.Status.SERVICE_UNAVAILABLE_503);
                              res.send(SealManager.SEALED);
                              return;
                            }
                            res.header(
                                io.helidon.http.HeaderNames.CONTENT_TYPE, "application/x-pem-file");
                            res.send(s.notifications().certificatePem());
                          }));
      String scheme = config.network().tls().isPresent() ? "https://" : "http://";
      self.set(java.net.URI.create(scheme + config.host() + ":" + web.port()));
      return new CofferServer(store, seal, web, operatorAudit, holder);
    } catch (RuntimeException e) {
      Services s = holder.services;
      if (s != null) {
        s.close();
      }
      seal.close();
      operatorAudit.close();
      store.close();
      throw e;
    }
  }

  private static void createDataDir(java.nio.file.Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  private Services services() {
    Services s = holder.services;
    if (s == null) {
      throw new IllegalStateException("Coffer is sealed");
    }
    return s;
  }

  /**
   * Registers an access key for a principal (tests, and tools that provision identities before the
   * IAM API exists). Requests signed with it act as {@code credential.caller()}, with that caller's
   * entitlements.
   */
  public void addCredential(SigningCredential credential) {
    holder.added.add(credential);
    Services s = holder.services;
    if (s != null) {
      s.credentials().add(credential);
    }
  }

  /**
   * The compliance engine: reports register {@link dev.coffer.compliance.ComplianceListener}s on it
   * and read it as {@link dev.coffer.compliance.ComplianceQueries}.
   */
  public dev.coffer.compliance.ComplianceEngine compliance() {
    return services().compliance().engine();
  }

  /** Runs the due periodic compliance rules and recorder sweep now (tests and operators). */
  public int runComplianceNow() {
    return services().compliance().engine().runDue();
  }

  /**
   * Runs the remediations that are due now (queued, automatic retries, attempts whose node died);
   * returns how many attempts ran (tests and operators).
   */
  public int runRemediationNow() {
    return services().compliance().remediations().runDue();
  }

  /**
   * Creates an access key for the root user of {@code accountId} (made on first use): its id and
   * secret. Lets tests and provisioning tools sign as another account's root.
   */
  public java.util.Map.Entry<String, String> createRootAccessKey(String accountId) {
    dev.coffer.auth.iam.AccessKeys.NewKey k = services().accessKeys().createRootKey(accountId);
    return java.util.Map.entry(k.accessKeyId(), k.secretAccessKey());
  }

  /** The port the server listens on. */
  public int port() {
    return web.port();
  }

  /**
   * The port of the listener named {@code listener} ({@link NetworkSettings#MAIN} for the main
   * one).
   */
  public int port(String listener) {
    return web.port(Listeners.socketName(listener));
  }

  /**
   * The certificate of the local development CA that clients must trust, when a listener of {@code
   * config} uses a certificate it issued.
   */
  public static Optional<java.nio.file.Path> localCaCertificate(ServerConfig config) {
    return Listeners.localCaCertificate(config);
  }

  /** The seal state (operators and tests). */
  public SealManager seal() {
    return seal;
  }

  /** Runs one round of background housekeeping now (tests and operators use it). */
  public void runHousekeeping() {
    services().jobs().runNow();
  }

  /** The audit trail (tests and operators seal, archive and inspect it). */
  public AuditTrail audit() {
    return services().audit();
  }

  /** Looks for due rotations now and launches those this node claims (tests and operators). */
  public int runRotationScheduler() {
    return services().scheduler().runOnce();
  }

  /** The rotation counters (events and steps). */
  public RotationMetrics rotationMetrics() {
    return services().rotationMetrics();
  }

  /**
   * Stores notifications of compliance changes for the configured endpoints; the evaluation calls
   * it inside the transaction that records the result.
   */
  public dev.coffer.compliance.notify.Notifier notifier() {
    return services().notifications().notifier();
  }

  /** Delivers due notifications now; returns how many were delivered (tests and operators). */
  public int runNotificationSender() {
    return services().notifications().sender().runOnce();
  }

  @Override
  public void close() {
    web.stop();
    Services s = holder.services;
    holder.services = null;
    if (s != null) {
      s.close();
    }
    seal.close();
    operatorAudit.close();
    store.close();
  }
}
