package org.ser4j.cli;

/** Version strings for reports and bundles. */
final class Versions {

  private Versions() {}

  static String ser4j() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
