package dev.coffer.protocol.secretsmanager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coffer.core.RequestContext;
import dev.coffer.protocol.Json;
import dev.coffer.protocol.JsonInput;
import dev.coffer.protocol.Operation;
import dev.coffer.protocol.PageToken;
import dev.coffer.secrets.SecretFilters;
import dev.coffer.secrets.SecretListing;
import dev.coffer.secrets.SecretListing.SortBy;
import dev.coffer.secrets.SecretListing.SortOrder;
import dev.coffer.secrets.SecretView;

/**
 * ListSecrets: the secrets of the account in the request's Region as SecretListEntry structures,
 * filtered, sorted (created-date ascending unless asked otherwise) and paged; NextToken is bound to
 * the filters, the sort and IncludePlannedDeletion (see {@link SecretListing}).
 */
public final class ListSecretsHandler implements Operation {
  private final SecretListing listing;

  public ListSecretsHandler(SecretListing listing) {
    this.listing = listing;
  }

  @Override
  public String name() {
    return "ListSecrets";
  }

  @Override
  public ObjectNode handle(RequestContext ctx, JsonInput in) {
    boolean planned = in.bool("IncludePlannedDeletion").orElse(false);
    int max =
        in.integer("MaxResults", 1, SecretListing.MAX_PAGE_SIZE)
            .map(Long::intValue)
            .orElse(SecretListing.DEFAULT_PAGE_SIZE);
    var token = in.string("NextToken", 1, 4096);
    var rawFilters = FilterMembers.read(in);
    var order = in.enumString("SortOrder", SortOrder.wireNames());
    var sortBy = in.enumString("SortBy", SortBy.wireNames());
    in.validate();
    SecretFilters filters = FilterMembers.check(rawFilters);
    SecretListing.Query query =
        new SecretListing.Query(
            planned,
            filters,
            sortBy.flatMap(SortBy::fromWireName).orElse(SortBy.CREATED_DATE),
            order.flatMap(SortOrder::fromWireName).orElse(SortOrder.ASC));
    String binding = "ListSecrets|" + query.binding();
    int offset = token.map(t -> PageToken.decode(t, binding)).orElse(0);
    SecretListing.Page page = listing.page(ctx, query, offset, max);
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("SecretList");
    for (SecretView s : page.secrets()) {
      list.add(SecretJson.describe(s, "SecretVersionsToStages"));
    }
    page.nextOffset().ifPresent(next -> out.put("NextToken", PageToken.encode(next, binding)));
    return out;
  }
}
