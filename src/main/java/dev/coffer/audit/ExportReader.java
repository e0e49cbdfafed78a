package dev.coffer.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Feeds the files {@link ExportWriter} wrote in a directory to a {@link ChainVerifier}: every
 * {@code digests-*.jsonl.gz}, then every {@code events-*.jsonl.gz}, each in name order. A line or
 * file that cannot be read is reported where it is, never skipped silently.
 */
public final class ExportReader {
  private ExportReader() {}

  /** Feeds {@code dir} to {@code verifier}; throws only when the directory cannot be listed. */
  public static void feed(Path dir, ChainVerifier verifier) throws IOException {
    List<Path> digestFiles = files(dir, "digests-");
    List<Path> eventFiles = files(dir, "events-");
    if (digestFiles.isEmpty()) {
      verifier.malformed(dir.toString(), "no digests-*.jsonl.gz file");
    }
    for (Path f : digestFiles) {
      readLines(
          f,
          verifier,
          (line, where) -> verifier.digest(AuditJson.readDigest(AuditJson.parse(line))));
    }
    for (Path f : eventFiles) {
      readLines(
          f, verifier, (line, where) -> verifier.event(AuditJson.readEvent(AuditJson.parse(line))));
    }
  }

  @FunctionalInterface
  private interface LineHandler {
    void handle(String line, String where) throws AuditJson.MalformedException;
  }

  private static void readLines(Path file, ChainVerifier verifier, LineHandler handler) {
    String name = file.getFileName().toString();
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), decoder))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String where = name + " line " + n;
        try {
          handler.handle(line, where);
        } catch (AuditJson.MalformedException e) {
          verifier.malformed(where, e.getMessage() == null ? "malformed" : e.getMessage());
        }
      }
    } catch (CharacterCodingException e) {
      verifier.malformed(name, "not UTF-8 text");
    } catch (IOException e) {
      verifier.malformed(name, "not a readable gzip file: " + e.getMessage());
    }
  }

  private static List<Path> files(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> out =
          new ArrayList<>(
              s.filter(
                      p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(prefix) && n.endsWith(".jsonl.gz");
                      })
                  .sorted()
                  .toList());
      return out;
    }
  }
}
