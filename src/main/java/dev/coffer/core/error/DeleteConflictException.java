package dev.coffer.core.error;

/**
 * The entity still has attached or dependent entities and cannot be deleted (IAM DeleteConflict).
 */
public final class DeleteConflictException extends CofferException {
  private static final long serialVersionUID = 1L;

  public DeleteConflictException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
