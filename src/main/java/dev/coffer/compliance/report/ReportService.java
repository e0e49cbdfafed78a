package dev.coffer.compliance.report;

import dev.coffer.audit.DocumentSignature;
import dev.coffer.audit.DocumentSigner;
import dev.coffer.compliance.ComplianceQueries;
import dev.coffer.core.RequestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/** Makes signed compliance reports: model, rendering, detached signature. */
public final class ReportService {
  /** The document type named in report signatures. */
  public static final String DOCUMENT_TYPE = "CofferComplianceReport";

  private final ComplianceQueries queries;
  private final ControlsCollector controls;
  private final DocumentSigner signer;
  private final String accountId;
  private final List<String> regions;
  private final Clock clock;

  public ReportService(
      ComplianceQueries queries,
      ControlsCollector controls,
      DocumentSigner signer,
      String accountId,
      List<String> regions,
      Clock clock) {
    this.queries = queries;
    this.controls = controls;
    this.signer = signer;
    this.accountId = accountId;
    this.regions = List.copyOf(regions);
    this.clock = clock;
  }

  /** A rendered report and its detached signature. */
  @SuppressWarnings("ArrayRecordComponent") // the document's bytes, handed out as they are
  public record SignedReport(ReportFormat format, byte[] document, DocumentSignature signature) {
    public SignedReport {
      Objects.requireNonNull(format, "format");
      Objects.requireNonNull(document, "document");
      Objects.requireNonNull(signature, "signature");
    }
  }

  public SignedReport generate(RequestContext ctx, ReportFormat format) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    ReportModel model =
        ReportBuilder.build(queries, controls.collect(ctx), accountId, regions, now);
    byte[] document = ReportRenderer.render(model, format);
    return new SignedReport(
        format, document, signer.sign(DOCUMENT_TYPE, format.id(), now, document));
  }
}
