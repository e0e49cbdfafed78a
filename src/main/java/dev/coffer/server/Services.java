package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.ChainWitness;
import dev.coffer.auth.AcceptAnyAuthenticator;
import dev.coffer.auth.Authenticator;
import dev.coffer.auth.CredentialStore;
import dev.coffer.auth.SigV4Authenticator;
import dev.coffer.auth.iam.AccessKeyUsage;
import dev.coffer.auth.iam.AccessKeys;
import dev.coffer.auth.iam.Identities;
import dev.coffer.auth.iam.IdentityLoader;
import dev.coffer.auth.iam.KeyUseRecordingAuthenticator;
import dev.coffer.auth.iam.Sessions;
import dev.coffer.auth.sigv4.SigningCredential;
import dev.coffer.core.Caller;
import dev.coffer.crypto.RootKeyring;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.kms.Kms;
import dev.coffer.kms.LocalKeyProtector;
import dev.coffer.kms.ValueProtector;
import dev.coffer.policy.Authorizer;
import dev.coffer.protocol.Api;
import dev.coffer.protocol.AwsJsonEndpoint;
import dev.coffer.protocol.ListenerOrigin;
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
import io.helidon.webserver.http.Handler;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What runs once the root key is unsealed: the key service, the audit trail, secrets, rotation,
 * background jobs and the API endpoint that serves them.
 */
final class Services implements AutoCloseable {
  private final Kms kms;
  private final AuditTrail audit;
  private final java.util.function.Function<ListenerOrigin, Handler> routerFor;
  private final java.util.Map<ListenerOrigin, Handler> routers =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final BackgroundJobs jobs;
  private final RotationRunner rotations;
  private final RotationScheduler scheduler;
  private final RotationMetrics rotationMetrics;
  private final RootRewrap rewrap;
  private final NotificationWiring notifications;
  private final CredentialStore credentials;
  private final AccessKeys accessKeys;
  private final Authenticator authenticator;
  private final ComplianceWiring compliance;
  private final AccessKeyUsage keyUsage;

  private Services(
      Kms kms,
      AuditTrail audit,
      java.util.function.Function<ListenerOrigin, Handler> routerFor,
      BackgroundJobs jobs,
      RotationRunner rotations,
      RotationScheduler scheduler,
      RotationMetrics rotationMetrics,
      RootRewrap rewrap,
      NotificationWiring notifications,
      CredentialStore credentials,
      AccessKeys accessKeys,
      ComplianceWiring compliance,
      Authenticator authenticator,
      AccessKeyUsage keyUsage) {
    this.keyUsage = keyUsage;
    this.compliance = compliance;
    this.authenticator = authenticator;
    this.kms = kms;
    this.audit = audit;
    this.routerFor = routerFor;
    this.jobs = jobs;
    this.rotations = rotations;
    this.scheduler = scheduler;
    this.rotationMetrics = rotationMetrics;
    this.rewrap = rewrap;
    this.notifications = notifications;
    this.credentials = credentials;
    this.accessKeys = accessKeys;
  }

  static Services start(
      ServerConfig config,
      Store store,
      RootKeyring root,
      Clock clock,
      java.util.function.Supplier<java.net.URI> self,
      ChainWitness auditWitness) {
    Kms kms = Kms.start(store, root, clock);
    // The audit trail's signing key is kept sealed under the same root key.
    SigningKeyVault vault = new SigningKeyVault(root);
    try {
      // Values sealed under DATA/value.key by the interim protector stay readable.
      ValueProtector protector =
          kms.envelope(LocalKeyProtector.ifPresent(config.dataDir().resolve("value.key")));
      EnvelopeSealer sealer = new EnvelopeSealer(protector, config.regions().get(0));
      IdentityLoader identityLoader = new IdentityLoader(store, sealer, clock);
      CredentialStore credentials = new CredentialStore(identityLoader, clock);
      credentials.add(
          new SigningCredential(
              config.rootAccessKeyId(),
              config.rootSecretAccessKey(),
              Caller.root(config.accountId(), config.rootAccessKeyId()),
              Optional.empty()));
      // Signatures are checked against real time even when the domain runs on an injected clock.
      AccessKeyUsage keyUsage =
          AccessKeyUsage.start(store, clock, config.iam().keyUsageFlushInterval());
      Authenticator authenticator =
          new KeyUseRecordingAuthenticator(
              new SigV4Authenticator(credentials, Clock.systemUTC()), keyUsage);
      if (config.iam().acceptAnyCredentials()) {
        authenticator =
            new AcceptAnyAuthenticator(authenticator, config.accountId(), Clock.systemUTC());
      }
      Identities identities = new Identities(store, clock, credentials);
      identities.ensureAccount(config.accountId());
      AccessKeys accessKeys = new AccessKeys(identities, store, sealer, clock);
      Sessions sessions = new Sessions(identities, store, sealer, clock);
      AuditTrail audit = AuditWiring.start(config, store, clock, vault, auditWitness);
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
      // Runbooks call the API as their role session; the endpoint exists only further down.
      java.util.concurrent.atomic.AtomicReference<AwsJsonEndpoint> endpointRef =
          new java.util.concurrent.atomic.AtomicReference<>();
      ComplianceWiring compliance =
          ComplianceWiring.start(
              store,
              kms,
              clock,
              new RemediationAutomation(
                  sessions,
                  identityLoader,
                  authorizer,
                  () -> java.util.Objects.requireNonNull(endpointRef.get(), "endpoint"),
                  audit.log(),
                  clock));
      List<Api> apis =
          AuditWiring.withAuditApis(
              List.of(
                  SecretsManagerApi.create(secrets, lifecycle, rotation),
                  KmsApi.create(kms),
                  ConfigServiceApi.create(
                      compliance.engine(), compliance.remediations(), authorizer),
                  CofferComplianceApi.create(
                      compliance.engine(),
                      ReportWiring.service(
                          config, compliance.engine(), store, kms, audit, vault, clock),
                      config.accountId())),
              audit,
              config,
              clock,
              authorizer);
      NotificationWiring notifications =
          NotificationWiring.start(config, config.notifications(), store, vault, clock, self);
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
      endpointRef.set(endpoint);
      IdentityAuthorizer identityAuthorizer = new IdentityAuthorizer(authorizer);
      QueryEndpoint queryEndpoint =
          new QueryEndpoint(
              List.of(
                  IamApi.create(identities, accessKeys, keyUsage),
                  StsApi.create(sessions, identityAuthorizer)),
              authenticator,
              identityAuthorizer,
              clock,
              config.maxBodyBytes(),
              audit.log(),
              config.accountId(),
              config.regions().get(0));
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
      return new Services(
          kms,
          audit,
          origin -> new ProtocolRouter(endpoint.on(origin), queryEndpoint.on(origin)),
          jobs,
          rotations,
          scheduler,
          rotationMetrics,
          new RootRewrap(kms, store, vault),
          notifications,
          credentials,
          accessKeys,
          compliance,
          // The operator API checks signatures even in the accept-any-credentials emulator mode.
          new SigV4Authenticator(credentials, Clock.systemUTC()),
          keyUsage);
    } catch (RuntimeException e) {
      kms.close();
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

  /**
   * {@code POST /}: awsJson and query-protocol APIs, as the listener {@code origin} serves them
   * (its endpoint id and trusted proxies reach the request context).
   */
  Handler router(ListenerOrigin origin) {
    return routers.computeIfAbsent(origin, routerFor);
  }

  CredentialStore credentials() {
    return credentials;
  }

  /** Signatures by every credential the server knows (root, IAM users, sessions), checked. */
  Authenticator authenticator() {
    return authenticator;
  }

  ComplianceWiring compliance() {
    return compliance;
  }

  AccessKeys accessKeys() {
    return accessKeys;
  }

  AuditTrail audit() {
    return audit;
  }

  BackgroundJobs jobs() {
    return jobs;
  }

  RotationScheduler scheduler() {
    return scheduler;
  }

  RotationMetrics rotationMetrics() {
    return rotationMetrics;
  }

  RootRewrap rewrap() {
    return rewrap;
  }

  NotificationWiring notifications() {
    return notifications;
  }

  @Override
  public void close() {
    // First, while the store is open: the last uses of access keys not yet written.
    keyUsage.close();
    rewrap.close();
    compliance.close();
    notifications.close();
    scheduler.close();
    rotations.close();
    jobs.close();
    audit.close();
    kms.close();
  }
}
