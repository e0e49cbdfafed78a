package dev.coffer.protocol.compliance;

import dev.coffer.compliance.ComplianceEngine;
import dev.coffer.compliance.report.ReportService;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.protocol.Api;
import java.util.List;

/**
 * Coffer's compliance findings API (awsJson 1.1, target prefix {@code Coffer_Compliance_20261101},
 * SigV4 service {@code coffer}), for the caller's account and the request's region:
 *
 * <ul>
 *   <li>{@code GetFindings {Filters?: {SecurityControlId?: [..], ComplianceStatus?: [..]},
 *       ControlParameters?: [{SecurityControlId, Name, Value: [..]}], MaxResults?, NextToken?}} →
 *       {@code {Findings: [ASFF], NextToken?}}: the Security Hub controls SecretsManager.1–.5 for
 *       every secret, in the AWS Security Finding Format.
 *   <li>{@code ListAccessAnalyzerFindings {MaxResults?, NextToken?}} → {@code {findings: [..],
 *       nextToken?}}: IAM Access Analyzer external-access findings for secrets whose resource
 *       policy grants access outside the account or to anyone.
 *   <li>{@code GenerateReport {Format: html|json|csv}} → {@code {Format, ContentType, GeneratedAt,
 *       Report, Signature}}: the signed compliance report (used by {@code coffer compliance
 *       report}); it covers every account and region the server hosts, so only the root user of the
 *       server's own account may ask for one.
 * </ul>
 */
public final class CofferComplianceApi {
  public static final String TARGET_PREFIX = "Coffer_Compliance_20261101";

  private CofferComplianceApi() {}

  public static Api create(ComplianceEngine engine, ReportService reports, String adminAccountId) {
    return Api.of(
        TARGET_PREFIX,
        "coffer",
        "Message",
        List.of(
            new GetFindingsHandler(engine),
            new ListAccessAnalyzerFindingsHandler(engine),
            new GenerateReportHandler(reports, new ReportAccess(adminAccountId))));
  }

  /** Who may read reports: the root user of the server's own account. */
  record ReportAccess(String adminAccountId) {
    void check(RequestContext ctx, String operation) {
      Caller c = ctx.caller();
      if (c.type() != Caller.Type.Root || !c.accountId().equals(adminAccountId)) {
        throw new AccessDeniedException(
            "User: " + c.arn() + " is not authorized to perform: coffer:" + operation);
      }
    }
  }
}
