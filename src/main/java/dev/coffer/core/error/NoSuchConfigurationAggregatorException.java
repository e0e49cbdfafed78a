package dev.coffer.core.error;

/** The configuration aggregator named in the request does not exist. */
public final class NoSuchConfigurationAggregatorException extends CofferException {
  private static final long serialVersionUID = 1L;

  public NoSuchConfigurationAggregatorException(String message) {
    super(message);
  }
}
