package dev.coffer.compliance.report;

import dev.coffer.audit.AuditReader;
import dev.coffer.audit.ChainVerifier;
import dev.coffer.audit.TrailCheck;
import dev.coffer.core.RequestContext;
import dev.coffer.kms.KeyView;
import dev.coffer.kms.Kms;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the evidence for Coffer's own controls when a report is made: encryption and key
 * management (the KMS keys, their rotation), the root key's seal, access enforcement, and the audit
 * trail, whose chain is verified against its signed digests on the spot.
 */
public final class ControlsCollector {
  private final Kms kms;
  private final AuditReader audit;
  private final List<String> regions;
  private final String sealDescription;

  /**
   * @param sealDescription how the root key is sealed, in words (e.g. "a key file")
   */
  public ControlsCollector(
      Kms kms, AuditReader audit, List<String> regions, String sealDescription) {
    this.kms = kms;
    this.audit = audit;
    this.regions = List.copyOf(regions);
    this.sealDescription = sealDescription;
  }

  /** The controls as of now, for the caller's account. */
  public List<ReportModel.ControlStatus> collect(RequestContext ctx) {
    return List.of(encryption(ctx), rootKey(), access(), audit());
  }

  private ReportModel.ControlStatus encryption(RequestContext ctx) {
    int total = 0;
    int customer = 0;
    int rotationOn = 0;
    int rotated = 0;
    for (String region : regions) {
      RequestContext rc =
          new RequestContext(
              ctx.requestId(),
              ctx.time(),
              ctx.caller(),
              region,
              ctx.sourceIp(),
              ctx.userAgent(),
              ctx.secureTransport(),
              ctx.sourceVpce());
      for (KeyView k : kms.keys().list(rc)) {
        if (!k.enabled()) {
          continue;
        }
        total++;
        if (!"CUSTOMER".equals(k.keyManager())) {
          continue;
        }
        customer++;
        if (kms.rotation().status(rc, k.keyId()).enabled()) {
          rotationOn++;
        }
        if (!kms.rotation().list(rc, k.keyId(), false).isEmpty()) {
          rotated++;
        }
      }
    }
    return new ReportModel.ControlStatus(
        "Encryption at rest and key management",
        "Encryption",
        ReportModel.Verification.IN_FORCE,
        List.of(
            "Every secret version is encrypted with AES-256-GCM under its own 256-bit data key,"
                + " wrapped by a KMS key with the encryption context {SecretARN, SecretVersionId}"
                + " bound as authenticated data.",
            "Enabled KMS keys in account "
                + ctx.accountId()
                + ": "
                + total
                + " ("
                + customer
                + " customer managed); automatic rotation on for "
                + rotationOn
                + " customer managed key(s); "
                + rotated
                + " key(s) rotated at least once."),
        FrameworkMapping.ENCRYPTION);
  }

  private ReportModel.ControlStatus rootKey() {
    return new ReportModel.ControlStatus(
        "Root key sealing",
        "Encryption",
        ReportModel.Verification.IN_FORCE,
        List.of(
            "KMS key material and signing keys are stored only wrapped (AES-256-GCM) by the root"
                + " key; the root key is never stored in the clear and is sealed by "
                + sealDescription
                + "."),
        FrameworkMapping.ENCRYPTION);
  }

  private static ReportModel.ControlStatus access() {
    return new ReportModel.ControlStatus(
        "Access enforcement",
        "Access control",
        ReportModel.Verification.IN_FORCE,
        List.of(
            "Every request is authenticated with AWS Signature Version 4 and authorized by the"
                + " IAM policy evaluation logic (identity policies, secret resource policies, KMS"
                + " key policies; an explicit deny wins).",
            "Background work (rotation, deletion, compliance) runs as named service principals"
                + " through the same service layer and is audited."),
        FrameworkMapping.ACCESS);
  }

  private ReportModel.ControlStatus audit() {
    ChainVerifier.Report r = TrailCheck.run(audit);
    List<String> evidence = new ArrayList<>();
    evidence.add(
        "Audit chain checked against its signed digests: "
            + r.digestsChecked()
            + " digest(s), "
            + r.eventsChecked()
            + " event(s); "
            + r.unsealedEvents()
            + " event(s) written since the last digest (not yet sealed).");
    r.newestDigest()
        .ifPresent(d ->
            evidence.add(
                "Newest digest "
                    + d.digestSeq()
                    + " ends "
                    + d.endTime()
                    + ", signed by Ed25519 key "
                    + d.keyFingerprint()
                    + "."));
    for (ChainVerifier.Finding f : r.findings()) {
      evidence.add("FINDING " + f.where() + ": " + f.problem());
    }
    return new ReportModel.ControlStatus(
        "Tamper-evident audit trail",
        "Audit",
        r.valid() ? ReportModel.Verification.VERIFIED : ReportModel.Verification.FAILED,
        evidence,
        FrameworkMapping.AUDIT);
  }
}
