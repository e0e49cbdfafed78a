package dev.coffer.core.error;

/** A user, group, role or policy of that name already exists (IAM EntityAlreadyExists). */
public final class EntityAlreadyExistsException extends CofferException {
  private static final long serialVersionUID = 1L;

  public EntityAlreadyExistsException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
