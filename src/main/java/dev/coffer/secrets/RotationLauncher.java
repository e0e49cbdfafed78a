package dev.coffer.secrets;

/**
 * Starts rotation runs; implemented outside this layer (by the rotation runner), so that the
 * secrets domain does not depend on how rotation functions are reached.
 */
public interface RotationLauncher {

  /** A launcher that reaches no function: every RotateSecret is refused. */
  RotationLauncher NONE =
      new RotationLauncher() {
        @Override
        public boolean canInvoke(String functionArn) {
          return false;
        }

        @Override
        public void launch(RotationJob job) {
          throw new IllegalStateException("no rotation functions are configured");
        }

        @Override
        public void cancel(String secretArn) {}
      };

  /** Whether this server knows how to reach the rotation function {@code functionArn}. */
  boolean canInvoke(String functionArn);

  /**
   * Starts {@code job} in the background and returns at once. Called after the transaction that
   * created the job's AWSPENDING placeholder has committed, because the function reads it.
   */
  void launch(RotationJob job);

  /** Stops the run of {@code secretArn} in progress, if any, before its next step. */
  void cancel(String secretArn);
}
