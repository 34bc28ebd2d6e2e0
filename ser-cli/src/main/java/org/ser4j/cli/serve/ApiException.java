package org.ser4j.cli.serve;

/** A request the service refuses: the HTTP status, a short machine-readable code and a sentence for people. */
final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
