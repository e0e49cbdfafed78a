package dev.coffer.core.error;

/** AWS Config has no configuration item for the resource named in the request. */
public final class ResourceNotDiscoveredException extends CofferException {
  private static final long serialVersionUID = 1L;

  public ResourceNotDiscoveredException(String message) {
    super(message);
  }
}
