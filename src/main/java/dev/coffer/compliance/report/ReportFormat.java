package dev.coffer.compliance.report;

import java.util.Locale;
import java.util.Optional;

/** The formats a report is rendered in. */
public enum ReportFormat {
  HTML("text/html; charset=utf-8"),
  JSON("application/json"),
  CSV("text/csv; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The lower-case name used in requests, file names and signatures. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ReportFormat> parse(String s) {
    for (ReportFormat f : values()) {
      if (f.id().equalsIgnoreCase(s)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
