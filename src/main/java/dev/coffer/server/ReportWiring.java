package dev.coffer.server;

import dev.coffer.audit.AuditTrail;
import dev.coffer.audit.DocumentSigner;
import dev.coffer.compliance.ComplianceQueries;
import dev.coffer.compliance.ConfigRule;
import dev.coffer.compliance.EvaluationFilter;
import dev.coffer.compliance.EvaluationResult;
import dev.coffer.compliance.report.ControlsCollector;
import dev.coffer.compliance.report.ReportService;
import dev.coffer.crypto.SigningKeyVault;
import dev.coffer.kms.Kms;
import dev.coffer.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Compliance reports: the report service over the compliance queries, and its API. */
final class ReportWiring {
  private ReportWiring() {}

  /** Queries that know no rules or results, for a server without the compliance engine. */
  static final ComplianceQueries NO_EVALUATIONS =
      new ComplianceQueries() {
        @Override
        public List<ConfigRule> rules() {
          return List.of();
        }

        @Override
        public List<EvaluationResult> currentEvaluations(EvaluationFilter filter) {
          return List.of();
        }

        @Override
        public List<EvaluationResult> history(EvaluationFilter filter, Instant from, Instant to) {
          return List.of();
        }
      };

  static ReportService service(
      ServerConfig config,
      ComplianceQueries queries,
      Store store,
      Kms kms,
      AuditTrail audit,
      SigningKeyVault vault,
      Clock clock) {
    return new ReportService(
        queries,
        new ControlsCollector(
            kms, audit.reader(), config.regions(), sealDescription(config.seal())),
        new DocumentSigner(store, vault, clock),
        config.accountId(),
        config.regions(),
        clock);
  }

  /** How the report describes the root key's protection, from the configured seal. */
  static String sealDescription(SealSettings seal) {
    return switch (seal.type()) {
      case "passphrase" -> "sealed by a passphrase (Argon2id)";
      case "shamir" -> "sealed by Shamir's secret sharing (k of n operator shares)";
      case "pkcs11" -> "sealed by a key on a PKCS#11 token";
      default -> "sealed by a key file in the data directory (development seal)";
    };
  }
}
