package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import dev.coffer.auth.AcceptAnyAuthenticator;
import dev.coffer.auth.Authenticator;
import dev.coffer.auth.CredentialStore;
import dev.coffer.auth.SigV4Authenticator;
import dev.coffer.auth.iam.AccessKeys;
import dev.coffer.auth.iam.Identities;
import dev.coffer.auth.iam.IdentityLoader;
import dev.coffer.auth.iam.Sessions;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.core.Caller;
import dev.coffer.crypto.KeyFileSeal;
import dev.coffer.crypto.SealProvider;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.kms.Kms;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.kms.ValueProtector;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.protocol.ProtocolRouter;
import dev.coffer.protocol.QueryEndpoint;
import dev.coffer.protocol.compliance.CofferComplianceApi;
import dev.coffer.protocol.config.ConfigServiceApi;
import dev.coffer.protocol.iam.IamApi;
import dev.coffer.protocol.kms.KmsApi;
import dev.coffer.protocol.query.IdentityAuthorizer;
import dev.coffer.protocol.secretsmanager.SecretsManagerApi;
import dev.coffer.protocol.sts.StsApi;
import dev.coffer.rotation.RotationCallbacks;
import dev.coffer.rotation.RotationMetrics;
import dev.coffer.rotation.RotationRunner;
import dev.coffer.rotation.RotationScheduler;
import dev.coffer.rotation.RotationSettings;
import dev.coffer.rotation.builtin.BuiltinRotators;
import dev.coffer.secrets.RotationEvents;
import dev.coffer.secrets.RotationJob;
import dev.coffer.secrets.RotationOutcome;
import dev.coffer.secrets.RotationPolicy;
import dev.coffer.secrets.RotationTracker;
import dev.coffer.secrets.ScheduledRotations;
import dev.coffer.secrets.SecretAccess;
import dev.coffer.secrets.SecretLifecycle;
import dev.coffer.secrets.SecretRotation;
import dev.coffer.secrets.SecretsService;
import dev.coffer.store.Store;
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
  private final RotationRunner rotations;
  private final AuditTrail audit;
  private final RotationScheduler scheduler;
  private final RotationMetrics rotationMetrics;
  private final ComplianceWiring compliance;
  private final AccessKeys accessKeys;
  private final CredentialStore credentials;
  private final NotificationWiring notifications;

  private CofferServer(
      Store store,
      Kms kms,
      WebServer web,
      BackgroundJobs jobs,
      RotationRunner rotations,
      AuditTrail audit,
      RotationScheduler scheduler,
      RotationMetrics rotationMetrics,
      ComplianceWiring compliance,
      AccessKeys accessKeys,
      NotificationWiring notifications,
      CredentialStore credentials) {
    this.credentials = credentials;
    this.store = store;
    this.kms = kms;
    this.web = web;
    this.jobs = jobs;
    this.rotations = rotations;
    this.audit = audit;
    this.scheduler = scheduler;
    this.rotationMetrics = rotationMetrics;
    this.compliance = compliance;
    this.accessKeys = accessKeys;
    this.notifications = notifications;
  }

  /** Opens the store, wires the services and starts listening. */
  public static CofferServer start(ServerConfig config, Clock clock) {
    createDataDir(config.dataDir());
    Store store = Store.open(config.storageUrl(), config.storageUser(), config.storagePassword());
    SealProvider seal = new KeyFileSeal(config.dataDir().resolve("root.key"));
    Kms kms = Kms.start(store, seal, clock);
    // The audit trail's signing key is kept sealed under the same root key.
    SigningKeyVault vault = new SigningKeyVault(seal);
    try {
      // Values sealed under DATA/value.key by the interim protector stay readable.
      ValueProtector protector =
          kms.envelope(LocalKeyProtector.ifPresent(config.dataDir().resolve("value.key")));
      EnvelopeSealer sealer = new EnvelopeSealer(protector, config.regions().get(0));
      CredentialStore credentials =
          new CredentialStore(new IdentityLoader(store, sealer, clock), clock);
      credentials.add(
          new SigningCredential(
              config.rootAccessKeyId(),
              config.rootSecretAccessKey(),
              Caller.root(config.accountId(), config.rootAccessKeyId()),
              Optional.empty()));
      // Signatures are checked against real time even when the domain runs on an injected clock.
      Authenticator authenticator = new SigV4Authenticator(credentials, Clock.systemUTC());
      if (config.iam().acceptAnyCredentials()) {
        authenticator =
            new AcceptAnyAuthenticator(authenticator, config.accountId(), Clock.systemUTC());
      }
      Identities identities = new Identities(store, clock, credentials);
      identities.ensureAccount(config.accountId());
      AccessKeys accessKeys = new AccessKeys(identities, store, sealer, clock);
      Sessions sessions = new Sessions(identities, store, sealer, clock);
      AuditTrail audit = AuditWiring.start(config, store, clock, vault);
      SecretsService secrets = new SecretsService(store, protector, clock, config.regions());
      // One authorizer (and parse cache) for every service.
      Authorizer authorizer = new Authorizer();
      secrets.configureAccess(new SecretAccess(authorizer));
      kms.useAuthorizer(authorizer);
      SecretLifecycle lifecycle = new SecretLifecycle(secrets, audit.log());
      RotationMetrics rotationMetrics = new RotationMetrics();
      RotationSettings rs = config.rotation();
      RotationPolicy defaults = RotationPolicy.defaults(rs.timeout());
      secrets.configureRotation(
          new RotationPolicy(defaults.nodeId(), rs.retries(), rs.retryDelay(), defaults.lease()),
          RotationEvents.all(List.of(rotationMetrics, new RotationAudit(audit.log()))));
      RotationRunner rotations =
          new RotationRunner(
              rs,
              callbacks(secrets),
              Optional.of(new BuiltinRotators(secrets, clock, rs.timeout())));
      SecretRotation rotation = new SecretRotation(secrets, rotations);
      ComplianceWiring compliance = ComplianceWiring.start(store, kms, clock);
      List<Api> apis =
          ReportWiring.withReportApi(
              AuditWiring.withAuditApis(
                  List.of(
                      SecretsManagerApi.create(secrets, lifecycle, rotation),
                      KmsApi.create(kms),
                      ConfigServiceApi.create(compliance.engine()),
                      CofferComplianceApi.create(compliance.engine())),
                  audit,
                  config,
                  clock,
                  authorizer),
              ReportWiring.service(config, compliance.engine(), store, kms, audit, vault, clock),
              config);
      java.util.concurrent.atomic.AtomicReference<java.net.URI> self =
          new java.util.concurrent.atomic.AtomicReference<>(
              java.net.URI.create("http://" + config.host() + ":" + config.port()));
      NotificationWiring notifications =
          NotificationWiring.start(config, config.notifications(), store, vault, clock, self::get);
      // Every compliance change goes to the notification outbox, in the transaction that records
      // it.
      compliance.engine().addListener(notifications.notifier()::enqueue);
      AwsJsonEndpoint endpoint =
          new AwsJsonEndpoint(
              apis,
              authenticator,
              clock,
              config.maxBodyBytes(),
              audit.log(),
              config.accountId(),
              config.regions().get(0));
      IdentityAuthorizer identityAuthorizer = new IdentityAuthorizer(authorizer);
      QueryEndpoint queryEndpoint =
          new QueryEndpoint(
              List.of(
                  IamApi.create(identities, accessKeys),
                  StsApi.create(sessions, identityAuthorizer)),
              authenticator,
              identityAuthorizer,
              clock,
              config.maxBodyBytes(),
              audit.log(),
              config.accountId(),
              config.regions().get(0));
      HealthHandler health = new HealthHandler(audit);
      WebServer web =
          Listeners.start(
              config,
              endpoint,
              (r, api) ->
                  r.post("/", new ProtocolRouter(api, queryEndpoint))
                      .get("/health", health)
                      .get(
                          NotificationWiring.CERTIFICATE_PATH,
                          (req, res) -> {
                            res.header(
                                io.helidon.http.HeaderNames.CONTENT_TYPE, "application/x-pem-file");
                            res.send(notifications.certificatePem());
                          }));
      String scheme = config.network().tls().isPresent() ? "https://" : "http://";
      self.set(java.net.URI.create(scheme + config.host() + ":" + web.port()));
      Runnable housekeeping =
          () -> {
            kms.runHousekeeping();
            // Expired sessions are refused already; keep them a day for the record, then drop.
            sessions.purgeExpired(clock.instant().minus(java.time.Duration.ofDays(1)));
          };
      BackgroundJobs jobs = BackgroundJobs.start(lifecycle, housekeeping, config.purgeInterval());
      RotationScheduler scheduler =
          RotationScheduler.start(
              new ScheduledRotations(secrets), rotations, rs.schedulerInterval());
      return new CofferServer(
          store,
          kms,
          web,
          jobs,
          rotations,
          audit,
          scheduler,
          rotationMetrics,
          compliance,
          accessKeys,
          notifications,
          credentials);
    } catch (RuntimeException e) {
      kms.close();
      store.close();
      throw e;
    }
  }

  private static RotationCallbacks callbacks(SecretsService secrets) {
    RotationTracker tracker = new RotationTracker(secrets);
    return new RotationCallbacks() {
      @Override
      public boolean isActive(RotationJob job) {
        return tracker.isActive(job);
      }

      @Override
      public void stepFinished(RotationJob job, String step, Optional<String> failure) {
        tracker.stepFinished(job, step, failure);
      }

      @Override
      public boolean renewLease(RotationJob job) {
        return tracker.renewLease(job);
      }

      @Override
      public void record(RotationJob job, RotationOutcome outcome) {
        tracker.record(job, outcome);
      }
    };
  }

  private static void createDataDir(java.nio.file.Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  /**
   * Registers an access key for a principal (tests, and tools that provision identities before the
   * IAM API exists). Requests signed with it act as {@code credential.caller()}, with that caller's
   * entitlements.
   */
  public void addCredential(SigningCredential credential) {
    credentials.add(credential);
  }

  /** The port the server's main listener listens on. */
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

  /** Runs one round of background housekeeping now (tests and operators use it). */
  public void runHousekeeping() {
    jobs.runNow();
  }

  /** The audit trail (tests and operators seal, archive and inspect it). */
  public AuditTrail audit() {
    return audit;
  }

  /** Looks for due rotations now and launches those this node claims (tests and operators). */
  public int runRotationScheduler() {
    return scheduler.runOnce();
  }

  /** The rotation counters (events and steps). */
  public RotationMetrics rotationMetrics() {
    return rotationMetrics;
  }

  /**
   * The compliance engine: reports register {@link dev.coffer.compliance.ComplianceListener}s on it
   * and read it as {@link dev.coffer.compliance.ComplianceQueries}.
   */
  public ComplianceEngine compliance() {
    return compliance.engine();
  }

  /** Runs the due periodic compliance rules and recorder sweep now (tests and operators). */
  public int runComplianceNow() {
    return compliance.engine().runDue();
  }

  /**
   * Makes an access key for the root user of {@code accountId}, creating the account if needed: how
   * an operator (or a test) gives another account its first credentials.
   *
   * @return the access key id and the secret access key
   */
  public java.util.Map.Entry<String, String> createRootAccessKey(String accountId) {
    AccessKeys.NewKey k = accessKeys.createRootKey(accountId);
    return java.util.Map.entry(k.accessKeyId(), k.secretAccessKey());
  }

  /**
   * Stores notifications of compliance changes for the configured endpoints; the evaluation calls
   * it inside the transaction that records the result.
   */
  public dev.coffer.compliance.notify.Notifier notifier() {
    return notifications.notifier();
  }

  /** Delivers due notifications now; returns how many were delivered (tests and operators). */
  public int runNotificationSender() {
    return notifications.sender().runOnce();
  }

  @Override
  public void close() {
    compliance.close();
    notifications.close();
    scheduler.close();
    rotations.close();
    jobs.close();
    web.stop();
    audit.close();
    kms.close();
    store.close();
  }
}
