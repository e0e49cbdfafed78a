package dev.coffer.compliance.report;

import java.util.List;

/**
 * The HTML evidence pack: one self-contained page (no scripts, no external resources) with inline
 * SVG bar charts of compliance by rule, by account and region, and over time. A scan of another
 * endpoint gets the same page without what only the server can state: no controls in force (they
 * describe the server that signs the report), no history, no signature.
 */
final class HtmlReport {
  private static final String GREEN = "#2e7d32";
  private static final String RED = "#c62828";
  private static final String GREY = "#9e9e9e";

  private HtmlReport() {}

  static String render(ReportModel m) {
    boolean scan = m.scannedEndpoint().isPresent();
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append(scan ? "<title>Coffer compliance scan " : "<title>Coffer compliance report ")
        .append(esc(m.generatedAt().toString()))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
        .append("th{background:#f3f3f3}.VERIFIED,.IN_FORCE{color:" + GREEN + "}")
        .append(".FAILED{color:" + RED + ";font-weight:bold}")
        .append("</style></head><body>\n");
    if (scan) {
      scanHeader(h, m, m.scannedEndpoint().get());
    } else {
      serverHeader(h, m);
    }
    charts(h, m, !scan);
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void scanHeader(StringBuilder h, ReportModel m, String endpoint) {
    h.append("<h1>Coffer compliance scan</h1>\n<p>Scan of ")
        .append(esc(endpoint))
        .append(" at ")
        .append(esc(m.generatedAt().toString()))
        .append(", account(s) ")
        .append(esc(m.accountId()))
        .append(", region(s) ")
        .append(esc(String.join(", ", m.regions())))
        .append(
            ". The secrets' metadata was read with the caller's credentials and evaluated by"
                + " the managed rules and the resource-policy analyzer. This page is not signed,"
                + " and the endpoint's own controls (encryption, audit trail, key rotation) are not"
                + " assessed: only the server that holds them can state those.</p>\n");
  }

  private static void serverHeader(StringBuilder h, ReportModel m) {
    h.append("<h1>Coffer compliance report</h1>\n<p>Generated ")
        .append(esc(m.generatedAt().toString()))
        .append(" for account ")
        .append(esc(m.accountId()))
        .append(", regions ")
        .append(esc(String.join(", ", m.regions())))
        .append(
            ". This report is signed: verify it with <code>coffer compliance verify-report"
                + " FILE --public-key KEY.pem</code>.</p>\n");

    h.append("<h2>Controls in force</h2>\n<table><tr><th>Control</th><th>Category</th>")
        .append("<th>Verification</th><th>Evidence</th><th>Requirements</th></tr>\n");
    for (ReportModel.ControlStatus c : m.controls()) {
      h.append("<tr><td>")
          .append(esc(c.name()))
          .append("</td><td>")
          .append(esc(c.category()))
          .append("</td><td class=\"")
          .append(c.verification().name())
          .append("\">")
          .append(c.verification().name())
          .append("</td><td><ul>");
      for (String e : c.evidence()) {
        h.append("<li>").append(esc(e)).append("</li>");
      }
      h.append("</ul></td><td>")
          .append(esc(ReportRenderer.requirements(c.requirements())))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void charts(StringBuilder h, ReportModel m, boolean withHistory) {
    h.append("<h2>Compliance by rule</h2>\n");
    h.append(
        bars(
            m.byRule().stream().map(r -> r.ruleName() + " (" + r.region() + ")").toList(),
            m.byRule().stream().map(ReportModel.RuleSummary::counts).toList()));
    h.append("<table><tr><th>Rule</th><th>Account</th><th>Region</th><th>Security Hub control</th>")
        .append("<th>Compliant</th><th>Non-compliant</th><th>Not applicable</th>")
        .append("<th>Requirements</th></tr>\n");
    for (ReportModel.RuleSummary r : m.byRule()) {
      h.append("<tr><td>")
          .append(esc(r.ruleName()))
          .append("</td><td>")
          .append(esc(r.accountId()))
          .append("</td><td>")
          .append(esc(r.region()))
          .append("</td><td>")
          .append(esc(r.control().map(c -> c.id() + " " + c.title()).orElse("")))
          .append("</td>")
          .append(countCells(r.counts()))
          .append("<td>")
          .append(esc(ReportRenderer.requirements(ReportRenderer.requirements(r))))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");

    h.append("<h2>Compliance by account and region</h2>\n");
    h.append(
        bars(
            m.byScope().stream().map(s -> s.accountId() + " " + s.region()).toList(),
            m.byScope().stream().map(ReportModel.ScopeSummary::counts).toList()));

    if (withHistory) {
      h.append("<h2>Compliance over time</h2>\n").append(timeline(m.overTime()));
    }

    h.append("<h2>Non-compliant secrets</h2>\n");
    if (m.nonCompliant().isEmpty()) {
      h.append("<p>None.</p>\n");
    } else {
      h.append("<table><tr><th>Secret</th><th>Account</th><th>Region</th><th>Rule</th>")
          .append("<th>Control</th><th>Why</th><th>Recorded</th></tr>\n");
      for (ReportModel.Finding f : m.nonCompliant()) {
        h.append("<tr><td>")
            .append(esc(f.resourceId()))
            .append("</td><td>")
            .append(esc(f.accountId()))
            .append("</td><td>")
            .append(esc(f.region()))
            .append("</td><td>")
            .append(esc(f.ruleName()))
            .append("</td><td>")
            .append(esc(f.control().map(FrameworkMapping.Control::id).orElse("")))
            .append("</td><td>")
            .append(esc(f.reason()))
            .append("</td><td>")
            .append(esc(f.recordedAt().toString()))
            .append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
  }

  private static String countCells(ReportModel.Counts c) {
    return "<td>"
        + c.compliant()
        + "</td><td>"
        + c.nonCompliant()
        + "</td><td>"
        + c.notApplicable()
        + "</td>";
  }

  /** Horizontal stacked bars: compliant, non-compliant, not applicable, scaled to the largest. */
  private static String bars(List<String> labels, List<ReportModel.Counts> counts) {
    if (labels.isEmpty()) {
      return "<p>No evaluations.</p>\n";
    }
    int max = Math.max(1, counts.stream().mapToInt(ReportModel.Counts::total).max().orElse(1));
    int rowHeight = 24;
    int labelWidth = 360;
    int barWidth = 400;
    int height = rowHeight * labels.size() + 30;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(labelWidth + barWidth + 60)
        .append("\" height=\"")
        .append(height)
        .append("\" font-size=\"12\">");
    for (int i = 0; i < labels.size(); i++) {
      ReportModel.Counts c = counts.get(i);
      int y = i * rowHeight;
      s.append("<text x=\"0\" y=\"").append(y + 16).append("\">").append(esc(labels.get(i)));
      s.append("</text>");
      int x = labelWidth;
      x = segment(s, x, y, c.compliant(), max, barWidth, GREEN, "compliant");
      x = segment(s, x, y, c.nonCompliant(), max, barWidth, RED, "non-compliant");
      x = segment(s, x, y, c.notApplicable(), max, barWidth, GREY, "not applicable");
      s.append("<text x=\"").append(x + 4).append("\" y=\"").append(y + 16).append("\">");
      s.append(c.compliant()).append('/').append(c.nonCompliant()).append('/');
      s.append(c.notApplicable()).append("</text>");
    }
    legend(s, labelWidth, rowHeight * labels.size() + 6);
    return s.append("</svg>\n").toString();
  }

  private static int segment(
      StringBuilder s, int x, int y, int n, int max, int width, String color, String what) {
    if (n == 0) {
      return x;
    }
    int w = Math.max(1, Math.round((float) n * width / max));
    s.append("<rect x=\"").append(x).append("\" y=\"").append(y + 4).append("\" width=\"");
    s.append(w).append("\" height=\"16\" fill=\"").append(color).append("\"><title>");
    s.append(n).append(' ').append(what).append("</title></rect>");
    return x + w;
  }

  private static void legend(StringBuilder s, int x, int y) {
    String[][] items = {{GREEN, "compliant"}, {RED, "non-compliant"}, {GREY, "not applicable"}};
    for (String[] it : items) {
      s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"12\"");
      s.append(" height=\"12\" fill=\"").append(it[0]).append("\"/>");
      s.append("<text x=\"").append(x + 16).append("\" y=\"").append(y + 10).append("\">");
      s.append(it[1]).append("</text>");
      x += 130;
    }
  }

  /** One column per day: compliant stacked under non-compliant. */
  private static String timeline(List<ReportModel.DayPoint> days) {
    int max =
        Math.max(
            1,
            days.stream()
                .mapToInt(d -> d.counts().compliant() + d.counts().nonCompliant())
                .max()
                .orElse(1));
    int col = 22;
    int chart = 160;
    int width = col * days.size() + 40;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width);
    s.append("\" height=\"").append(chart + 60).append("\" font-size=\"10\">");
    for (int i = 0; i < days.size(); i++) {
      ReportModel.DayPoint d = days.get(i);
      int x = 20 + i * col;
      int hc = Math.round((float) d.counts().compliant() * chart / max);
      int hn = Math.round((float) d.counts().nonCompliant() * chart / max);
      int base = chart + 10;
      s.append("<rect x=\"").append(x).append("\" y=\"").append(base - hc);
      s.append("\" width=\"16\" height=\"").append(hc).append("\" fill=\"").append(GREEN);
      s.append("\"><title>").append(d.day()).append(": ").append(d.counts().compliant());
      s.append(" compliant</title></rect>");
      s.append("<rect x=\"").append(x).append("\" y=\"").append(base - hc - hn);
      s.append("\" width=\"16\" height=\"").append(hn).append("\" fill=\"").append(RED);
      s.append("\"><title>").append(d.day()).append(": ").append(d.counts().nonCompliant());
      s.append(" non-compliant</title></rect>");
      if (i % 5 == 0 || i == days.size() - 1) {
        s.append("<text x=\"").append(x).append("\" y=\"").append(base + 14).append("\">");
        s.append(d.day().toString().substring(5)).append("</text>");
      }
    }
    legend(s, 20, chart + 36);
    return s.append("</svg>\n").toString();
  }

  /** HTML text and attribute escaping. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
