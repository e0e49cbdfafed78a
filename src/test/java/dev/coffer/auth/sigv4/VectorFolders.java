package dev.coffer.auth.sigv4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Finds the case folders of a published SigV4 test suite copied under the test resources. */
final class VectorFolders {
  private VectorFolders() {}

  /**
   * The folders below the classpath folder {@code resource} that hold a file whose name ends with
   * {@code marker}, by their path relative to it (the case name), in name order.
   */
  static SortedMap<String, Path> find(String resource, String marker) {
    try {
      Path root = Path.of(VectorFolders.class.getResource(resource).toURI());
      SortedMap<String, Path> out = new TreeMap<>();
      try (Stream<Path> files = Files.walk(root)) {
        files
            .filter(p -> p.getFileName().toString().endsWith(marker))
            .map(Path::getParent)
            .forEach(dir -> out.put(root.relativize(dir).toString(), dir));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
