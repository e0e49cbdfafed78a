package dev.coffer.protocol.compliancereport;

import dev.coffer.compliance.report.ReportService;
import dev.coffer.core.Caller;
import dev.coffer.core.RequestContext;
import dev.coffer.core.error.AccessDeniedException;
import dev.coffer.protocol.Api;
import java.util.List;

/**
 * Coffer's compliance report API, used by {@code coffer compliance report}: awsJson 1.1, target
 * prefix {@code Coffer_Compliance_20261101}, SigV4 service {@code coffer}.
 *
 * <ul>
 *   <li>{@code GenerateReport {Format: html|json|csv}} → {@code {Format, ContentType, GeneratedAt,
 *       Report, Signature}}: the report's text and its detached signature file (JSON)
 * </ul>
 *
 * A report covers every account and region the server hosts, so only the root user of the server's
 * own account may ask for one.
 */
public final class CofferComplianceReportApi {
  public static final String TARGET_PREFIX = "Coffer_Compliance_20261101";

  private CofferComplianceReportApi() {}

  public static Api create(ReportService reports, String adminAccountId) {
    return Api.of(
        TARGET_PREFIX,
        "coffer",
        "Message",
        List.of(new GenerateReportHandler(reports, new Access(adminAccountId))));
  }

  /** Who may read reports. */
  record Access(String adminAccountId) {
    void check(RequestContext ctx, String operation) {
      Caller c = ctx.caller();
      if (c.type() != Caller.Type.Root || !c.accountId().equals(adminAccountId)) {
        throw new AccessDeniedException(
            "User: " + c.arn() + " is not authorized to perform: coffer:" + operation);
      }
    }
  }
}
