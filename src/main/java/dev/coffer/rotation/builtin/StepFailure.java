package dev.coffer.rotation.builtin;

/** A built-in rotation step could not do its work; the message says why, without secrets. */
final class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepFailure(String message) {
    super(message, null, false, false);
  }
}
