package dev.coffer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.audit.AuditDigest;
import dev.coffer.core.audit.StoredAuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offline verification of an export (what {@code coffer audit verify --offline} runs): the files as
 * written verify; one changed byte anywhere in them, a removed, inserted or moved line is reported.
 */
class ExportTamperTest {
  @TempDir Path tmp;
  ChainFixture f;
  Path export;
  Path eventsFile;
  Path digestsFile;

  @BeforeEach
  void writeExport() throws IOException {
    f = ChainFixture.of(120, 15);
    export = tmp.resolve("export");
    ExportWriter.write(
        export,
        f.digests,
        seq -> f.events.subList((int) seq - 1, Math.min(f.events.size(), (int) seq + 49)),
        1,
        120);
    try (var s = Files.list(export)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith("events-")) {
          eventsFile = p;
        } else {
          digestsFile = p;
        }
      }
    }
  }

  ChainVerifier.Report verifyDir(Path dir) throws IOException {
    ChainVerifier v =
        new ChainVerifier(
            f.publicKeys(),
            new ChainVerifier.Expectations(true, 0, OptionalLong.empty(), OptionalLong.empty()));
    ExportReader.feed(dir, v);
    return v.finish();
  }

  @Test
  void verifyOffline_untouchedExport_isValid() throws IOException {
    ChainVerifier.Report r = verifyDir(export);
    assertThat(r.findings()).isEmpty();
    assertThat(r.eventsChecked()).isEqualTo(120);
    assertThat(r.digestsChecked()).isEqualTo(8);
  }

  @Test
  void verifyOffline_oneChangedByteAnywhere_isAlwaysReported() throws IOException {
    byte[] events = gunzip(eventsFile);
    byte[] digests = gunzip(digestsFile);
    Random rnd = new Random(20261101);
    int unchangedMeaning = 0;
    for (int trial = 0; trial < 400; trial++) {
      boolean inEvents = rnd.nextInt(events.length + digests.length) < events.length;
      byte[] target = (inEvents ? events : digests).clone();
      int at = rnd.nextInt(target.length);
      target[at] ^= (byte) (1 + rnd.nextInt(255));
      Path dir = Files.createDirectories(tmp.resolve("trial-" + trial));
      gzip(dir.resolve(eventsFile.getFileName()), inEvents ? target : events);
      gzip(dir.resolve(digestsFile.getFileName()), inEvents ? digests : target);
      ChainVerifier.Report r = verifyDir(dir);
      if (r.valid()) {
        // Acceptable only if the change did not change what the records say.
        assertThat(sameRecords(dir))
            .as("trial %d: byte %d of %s", trial, at, inEvents ? "events" : "digests")
            .isTrue();
        unchangedMeaning++;
      }
    }
    assertThat(unchangedMeaning).isLessThan(5);
  }

  @Test
  void verifyOffline_removedEventLine_isReported() throws IOException {
    List<String> lines = lines(eventsFile);
    lines.remove(41); // event 42
    writeLines(eventsFile, lines);
    assertThat(verifyDir(export).findings().toString()).contains("events 42..42");
  }

  @Test
  void verifyOffline_insertedEventLine_isReported() throws IOException {
    List<String> lines = lines(eventsFile);
    lines.add(60, lines.get(10));
    writeLines(eventsFile, lines);
    assertThat(verifyDir(export).valid()).isFalse();
  }

  @Test
  void verifyOffline_movedEventLine_isReported() throws IOException {
    List<String> lines = lines(eventsFile);
    Collections.swap(lines, 70, 90);
    writeLines(eventsFile, lines);
    assertThat(verifyDir(export).findings().toString()).contains("out of order");
  }

  @Test
  void verifyOffline_removedDigestLine_isReported() throws IOException {
    List<String> lines = lines(digestsFile);
    lines.remove(3);
    writeLines(digestsFile, lines);
    assertThat(verifyDir(export).findings().toString()).contains("digests 4..4");
  }

  @Test
  void verifyOffline_movedDigestLine_isReported() throws IOException {
    List<String> lines = lines(digestsFile);
    Collections.swap(lines, 2, 5);
    writeLines(digestsFile, lines);
    assertThat(verifyDir(export).valid()).isFalse();
  }

  @Test
  void verifyOffline_missingDigestFile_isReported() throws IOException {
    Files.delete(digestsFile);
    assertThat(verifyDir(export).valid()).isFalse();
  }

  /** Whether the changed export still parses to exactly the original events and digests. */
  private boolean sameRecords(Path dir) throws IOException {
    List<StoredAuditEvent> events = new ArrayList<>();
    List<AuditDigest> digests = new ArrayList<>();
    try {
      for (String l : lines(dir.resolve(eventsFile.getFileName()))) {
        events.add(AuditJson.readEvent(AuditJson.parse(l)));
      }
      for (String l : lines(dir.resolve(digestsFile.getFileName()))) {
        digests.add(AuditJson.readDigest(AuditJson.parse(l)));
      }
    } catch (AuditJson.MalformedException | IOException e) {
      return false;
    }
    return events.equals(f.events) && digests.equals(f.digests);
  }

  static byte[] gunzip(Path p) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
      return in.readAllBytes();
    }
  }

  static void gzip(Path p, byte[] content) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(buf)) {
      out.write(content);
    }
    Files.write(p, buf.toByteArray());
  }

  static List<String> lines(Path p) throws IOException {
    return new ArrayList<>(List.of(new String(gunzip(p), StandardCharsets.UTF_8).split("\n")));
  }

  static void writeLines(Path p, List<String> lines) throws IOException {
    gzip(p, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
