package dev.coffer.core.error;

/**
 * The request referred to a user, group, role, policy or key that does not exist (IAM
 * NoSuchEntity).
 */
public final class NoSuchEntityException extends CofferException {
  private static final long serialVersionUID = 1L;

  public NoSuchEntityException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 404;
  }
}
