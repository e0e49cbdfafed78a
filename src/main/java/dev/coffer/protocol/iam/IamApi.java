package dev.coffer.protocol.iam;

import dev.coffer.auth.iam.AccessKeyUsage;
import dev.coffer.auth.iam.AccessKeys;
import dev.coffer.auth.iam.Identities;
import dev.coffer.protocol.query.QueryApi;
import dev.coffer.protocol.query.QueryOperation;
import java.util.ArrayList;
import java.util.List;

/**
 * The IAM API (query protocol, version 2010-05-08): users, groups, roles, access keys, inline and
 * managed policies, attachments and tags.
 */
public final class IamApi {
  public static final String VERSION = "2010-05-08";
  public static final String XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

  private IamApi() {}

  public static QueryApi create(
      Identities identities, AccessKeys accessKeys, AccessKeyUsage keyUsage) {
    List<QueryOperation> ops = new ArrayList<>();
    ops.addAll(UserOperations.all(identities));
    ops.addAll(AccessKeyOperations.all(accessKeys, keyUsage));
    ops.addAll(GroupOperations.all(identities));
    ops.addAll(RoleOperations.all(identities));
    ops.addAll(PolicyOperations.all(identities));
    return QueryApi.of("iam", VERSION, XMLNS, ops);
  }
}
