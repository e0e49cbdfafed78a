package dev.coffer.secrets;

import java.util.List;
import java.util.Optional;

/**
 * The attributes of a secret that the ListSecrets and BatchGetSecretValue filters look at (API
 * reference, Filter): name, description, tag keys and values, primary Region and owning service.
 * The {@code all} key searches the name, the description and the tags, which is the set the user
 * guide names for a search without a key ("Find secrets in AWS Secrets Manager").
 *
 * <p>A view, so that filtering needs neither the secret's value nor its storage form.
 */
public interface FilterableSecret {

  /** The secret's name (never its ARN). */
  String name();

  /** The description, empty when the secret has none. */
  Optional<String> description();

  /** The tag keys, in the secret's tag order. */
  List<String> tagKeys();

  /** The tag values, in the secret's tag order (same order as {@link #tagKeys()}). */
  List<String> tagValues();

  /** The Region that holds the primary secret, when known. */
  Optional<String> primaryRegion();

  /** The service that manages the secret ({@code OwningService}), empty for a caller's own. */
  Optional<String> owningService();
}
