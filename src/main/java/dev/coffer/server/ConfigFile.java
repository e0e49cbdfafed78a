package dev.coffer.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.coffer.audit.AuditSettings;
import dev.coffer.compliance.notify.NotificationSettings;
import dev.coffer.rotation.RotationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The YAML configuration of {@code coffer server --config FILE}. Every key is optional; see the
 * README ("Configuration") for the full list and defaults. Unknown keys are refused so that a typo
 * does not silently fall back to a default.
 */
public final class ConfigFile {
  private ConfigFile() {}

  /** The {@code listen} section: the main listener. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Listen(
      @Nullable String host,
      @Nullable Integer port,
      @Nullable Tls tls,
      @JsonProperty("endpointId") @Nullable String endpointId) {}

  /** A {@code tls} section of a listener. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Tls(
      @JsonProperty("certificateChain") @Nullable String certificateChain,
      @JsonProperty("privateKey") @Nullable String privateKey,
      @JsonProperty("localCa") @Nullable Boolean localCa,
      @JsonProperty("clientCaBundle") @Nullable String clientCaBundle,
      @JsonProperty("requireClientCertificate") @Nullable Boolean requireClientCertificate,
      @Nullable List<String> protocols,
      @JsonProperty("cipherSuites") @Nullable List<String> cipherSuites) {}

  /** One entry of {@code listeners}: a further listener. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Listener(
      @Nullable String name,
      @Nullable String address,
      @Nullable Integer port,
      @Nullable Tls tls,
      @JsonProperty("endpointId") @Nullable String endpointId) {}

  /** The {@code storage} section. */
  public record Storage(@Nullable String url, @Nullable String user, @Nullable String password) {}

  /** One entry of {@code rotation.functions}. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Function(@Nullable String arn, @Nullable String endpoint, @Nullable String name) {}

  /** The {@code rotation} section. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Rotation(
      @Nullable List<Function> functions,
      @Nullable String timeout,
      @Nullable String schedulerInterval,
      @Nullable Integer retries,
      @Nullable String retryDelay) {}

  /** The {@code audit} section. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Audit(
      @JsonProperty("sealInterval") @Nullable String sealInterval,
      @Nullable String retention,
      @Nullable String sink) {}

  /** The {@code notifications} section. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Notifications(
      @Nullable List<String> endpoints,
      @JsonProperty("topicName") @Nullable String topicName,
      @JsonProperty("pollInterval") @Nullable String pollInterval,
      @JsonProperty("retryBase") @Nullable String retryBase,
      @JsonProperty("retryMax") @Nullable String retryMax,
      @JsonProperty("publicUrl") @Nullable String publicUrl) {}

  /** {@code seal.argon2}: the cost of new passphrase seals. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Argon2(
      @JsonProperty("memoryKib") @Nullable Integer memoryKib,
      @Nullable Integer iterations,
      @Nullable Integer parallelism) {}

  /** {@code seal.pkcs11}: the token. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Pkcs11(
      @Nullable String library,
      @JsonProperty("slotListIndex") @Nullable Integer slotListIndex,
      @JsonProperty("keyLabel") @Nullable String keyLabel,
      @JsonProperty("pinEnv") @Nullable String pinEnv) {}

  /** The {@code seal} section: how the root key is sealed (secrets come from the environment). */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Seal(
      @Nullable String type,
      @JsonProperty("keyFile") @Nullable String keyFile,
      @JsonProperty("passphraseEnv") @Nullable String passphraseEnv,
      @Nullable Argon2 argon2,
      @Nullable Pkcs11 pkcs11) {}

  /** The whole file. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Document(
      @Nullable Listen listen,
      @JsonProperty("dataDir") @Nullable String dataDir,
      @Nullable Storage storage,
      @JsonProperty("accountId") @Nullable String accountId,
      @Nullable List<String> regions,
      @JsonProperty("maxRequestBytes") @Nullable Integer maxRequestBytes,
      @JsonProperty("housekeepingInterval") @Nullable String housekeepingInterval,
      @Nullable Rotation rotation,
      @Nullable Audit audit,
      @Nullable Notifications notifications,
      @Nullable List<Listener> listeners,
      @JsonProperty("trustedProxies") @Nullable List<String> trustedProxies,
      @JsonProperty("acceptAnyCredentials") @Nullable Boolean acceptAnyCredentials,
      @Nullable Seal seal) {}

  /** Reads {@code file} into a server configuration, with root credentials resolved. */
  public static ServerConfig load(Path file, Map<String, String> env) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Document d;
    try {
      d = yaml.readValue(file.toFile(), Document.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read configuration " + file + ": " + e.getMessage(), e);
    }
    if (d == null) {
      d =
          new Document(
              null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
    Listen listen = d.listen() == null ? new Listen(null, null, null, null) : d.listen();
    Storage storage = d.storage() == null ? new Storage(null, null, null) : d.storage();
    Path dataDir = Path.of(d.dataDir() == null ? ".coffer" : d.dataDir());
    String accountId = d.accountId() == null ? "123456789012" : d.accountId();
    List<String> regions =
        d.regions() == null || d.regions().isEmpty()
            ? Regions.withDefault("us-east-1")
            : d.regions();
    RootCredentials root = RootCredentials.resolve(env, dataDir);
    return ServerConfig.builder()
        .host(listen.host() == null ? "127.0.0.1" : listen.host())
        .port(listen.port() == null ? 8484 : listen.port())
        .dataDir(dataDir)
        .storageUrl(storage.url() == null ? ServerConfig.sqliteUrl(dataDir) : storage.url())
        .storageUser(storage.user() == null ? "" : storage.user())
        .storagePassword(storage.password() == null ? "" : storage.password())
        .accountId(accountId)
        .regions(regions)
        .rootAccessKeyId(root.accessKeyId())
        .rootSecretAccessKey(root.secretAccessKey())
        .maxBodyBytes(
            d.maxRequestBytes() == null ? ServerConfig.DEFAULT_MAX_BODY_BYTES : d.maxRequestBytes())
        .purgeInterval(
            d.housekeepingInterval() == null
                ? Duration.ofMinutes(1)
                : Duration.parse(d.housekeepingInterval()))
        .rotation(rotation(d.rotation()))
        .audit(audit(d.audit()))
        .notifications(notifications(d.notifications()))
        // INSECURE emulator mode, off unless the file says true (see IamSettings).
        .iam(new IamSettings(Boolean.TRUE.equals(d.acceptAnyCredentials())))
        .seal(seal(d.seal()))
        .network(network(listen, d.listeners(), d.trustedProxies()))
        .build();
  }

  private static SealSettings seal(@Nullable Seal s) {
    if (s == null) {
      return SealSettings.dev();
    }
    SealSettings out = SealSettings.of(s.type() == null ? "file" : s.type());
    out =
        out.withSecrets(
            s.passphraseEnv() == null ? out.passphraseEnv() : s.passphraseEnv(),
            s.keyFile() == null ? Optional.empty() : Optional.of(Path.of(s.keyFile())));
    Argon2 a = s.argon2();
    if (a != null) {
      out =
          out.withArgon2(
              a.memoryKib() == null ? out.argon2MemoryKib() : a.memoryKib(),
              a.iterations() == null ? out.argon2Iterations() : a.iterations(),
              a.parallelism() == null ? out.argon2Parallelism() : a.parallelism());
    }
    Pkcs11 p = s.pkcs11();
    if (p != null) {
      out =
          out.withPkcs11(
              p.library() == null ? out.pkcs11Library() : p.library(),
              p.slotListIndex() == null ? out.pkcs11SlotListIndex() : p.slotListIndex(),
              p.keyLabel() == null ? out.pkcs11KeyLabel() : p.keyLabel(),
              p.pinEnv() == null ? out.pkcs11PinEnv() : p.pinEnv());
    }
    return out;
  }

  private static NetworkSettings network(
      Listen listen, @Nullable List<Listener> listeners, @Nullable List<String> trustedProxies) {
    List<ListenerSettings> more = new java.util.ArrayList<>();
    int i = 1;
    for (Listener l : listeners == null ? List.<Listener>of() : listeners) {
      if (l.port() == null) {
        throw new IllegalArgumentException("each listeners entry needs a port");
      }
      more.add(
          new ListenerSettings(
              l.name() == null ? "listener-" + i : l.name(),
              l.address() == null ? "127.0.0.1" : l.address(),
              l.port(),
              Optional.ofNullable(l.tls()).map(ConfigFile::tls),
              Optional.ofNullable(l.endpointId())));
      i++;
    }
    return new NetworkSettings(
        Optional.ofNullable(listen.tls()).map(ConfigFile::tls),
        Optional.ofNullable(listen.endpointId()),
        more,
        trustedProxies == null ? List.of() : trustedProxies);
  }

  /** A {@code tls} section; relative paths are relative to the working directory, as dataDir. */
  private static TlsSettings tls(Tls t) {
    boolean local = Boolean.TRUE.equals(t.localCa());
    if (local && (t.certificateChain() != null || t.privateKey() != null)) {
      throw new IllegalArgumentException(
          "tls: give either localCa: true or certificateChain and privateKey, not both");
    }
    if (!local && (t.certificateChain() == null || t.privateKey() == null)) {
      throw new IllegalArgumentException(
          "tls needs certificateChain and privateKey (PEM files), or localCa: true");
    }
    return new TlsSettings(
        Optional.ofNullable(t.certificateChain()).map(Path::of),
        Optional.ofNullable(t.privateKey()).map(Path::of),
        Optional.ofNullable(t.clientCaBundle()).map(Path::of),
        Boolean.TRUE.equals(t.requireClientCertificate()),
        t.protocols() == null ? TlsSettings.DEFAULT_PROTOCOLS : t.protocols(),
        t.cipherSuites() == null ? TlsSettings.DEFAULT_CIPHER_SUITES : t.cipherSuites());
  }

  private static RotationSettings rotation(@Nullable Rotation r) {
    if (r == null) {
      return RotationSettings.none();
    }
    List<RotationSettings.FunctionRoute> routes = new java.util.ArrayList<>();
    for (Function f : r.functions() == null ? List.<Function>of() : r.functions()) {
      if (f.arn() == null || f.endpoint() == null) {
        throw new IllegalArgumentException("each rotation.functions entry needs arn and endpoint");
      }
      routes.add(
          new RotationSettings.FunctionRoute(
              f.arn(), URI.create(f.endpoint()), Optional.ofNullable(f.name())));
    }
    return new RotationSettings(
        routes,
        r.timeout() == null ? RotationSettings.DEFAULT_TIMEOUT : Duration.parse(r.timeout()),
        r.schedulerInterval() == null
            ? RotationSettings.DEFAULT_SCHEDULER_INTERVAL
            : Duration.parse(r.schedulerInterval()),
        r.retries() == null ? RotationSettings.DEFAULT_RETRIES : r.retries(),
        r.retryDelay() == null
            ? RotationSettings.DEFAULT_RETRY_DELAY
            : Duration.parse(r.retryDelay()));
  }

  private static NotificationSettings notifications(@Nullable Notifications n) {
    NotificationSettings s = NotificationSettings.none();
    if (n == null) {
      return s;
    }
    return new NotificationSettings(
        n.endpoints() == null ? List.of() : n.endpoints().stream().map(URI::create).toList(),
        n.topicName() == null ? s.topicName() : n.topicName(),
        n.pollInterval() == null ? s.pollInterval() : Duration.parse(n.pollInterval()),
        n.retryBase() == null ? s.retryBase() : Duration.parse(n.retryBase()),
        n.retryMax() == null ? s.retryMax() : Duration.parse(n.retryMax()),
        Optional.ofNullable(n.publicUrl()).map(URI::create));
  }

  private static AuditSettings audit(@Nullable Audit a) {
    AuditSettings s = AuditSettings.defaults();
    if (a == null) {
      return s;
    }
    if (a.sealInterval() != null) {
      s = s.withSealInterval(Duration.parse(a.sealInterval()));
    }
    if (a.retention() != null) {
      s = s.withRetention(Optional.of(Duration.parse(a.retention())));
    }
    if (a.sink() != null && !a.sink().isBlank()) {
      s = s.withSink(Optional.of(a.sink()));
    }
    return s;
  }
}
