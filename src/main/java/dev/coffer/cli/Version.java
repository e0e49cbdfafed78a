package dev.coffer.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"coffer " + (v == null ? "(development build)" : v)};
  }
}
