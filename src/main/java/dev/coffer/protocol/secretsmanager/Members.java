package dev.coffer.protocol.secretsmanager;

import dev.coffer.core.error.InvalidParameterException;
import dev.coffer.protocol.JsonInput;
import dev.coffer.secrets.Replication;
import dev.coffer.secrets.SecretPayload;
import dev.coffer.secrets.SecretView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Members that many Secrets Manager operations share, read with the constraints of the service
 * model (secretsmanager 2017-10-17: SecretIdType 1..2048, ClientRequestTokenType 32..64, …).
 */
final class Members {
  static final int SECRET_VALUE_MAX = 65_536;

  /** RegionType: 1..128 characters. */
  static final Pattern REGION = Pattern.compile("^([a-z]+-)+\\d+$");

  private Members() {}

  static String secretId(JsonInput in) {
    return in.requiredString("SecretId", 1, 2048);
  }

  static Optional<String> clientRequestToken(JsonInput in) {
    return in.string("ClientRequestToken", 32, 64);
  }

  static Optional<String> versionId(JsonInput in, String member) {
    return in.string(member, 32, 64);
  }

  static Optional<String> description(JsonInput in) {
    return in.string("Description", 0, 2048);
  }

  static Optional<String> kmsKeyId(JsonInput in) {
    return in.string("KmsKeyId", 0, 2048);
  }

  /** SecretString xor SecretBinary; empty when neither is given. */
  static Optional<SecretPayload> payload(JsonInput in) {
    Optional<String> s = in.sensitiveString("SecretString", 1, SECRET_VALUE_MAX);
    Optional<byte[]> b = in.blob("SecretBinary", 1, SECRET_VALUE_MAX);
    if (s.isPresent() && b.isPresent()) {
      throw new InvalidParameterException(
          "You can't specify both a binary secret value and a string secret value in the same"
              + " secret.");
    }
    return s.map(SecretPayload::ofString).or(() -> b.map(SecretPayload::ofBinary));
  }

  static List<SecretView.TagView> tags(JsonInput in, boolean required) {
    List<JsonInput> items =
        required
            ? in.requiredStructList("Tags", 0, Integer.MAX_VALUE)
            : in.structList("Tags", 0, Integer.MAX_VALUE).orElse(List.of());
    List<SecretView.TagView> out = new ArrayList<>();
    for (JsonInput t : items) {
      String key = t.requiredString("Key", 1, 128);
      String value = t.string("Value", 0, 256).orElse("");
      out.add(new SecretView.TagView(key, value));
    }
    return out;
  }

  /**
   * AddReplicaRegions (AddReplicaRegionListType, at least one ReplicaRegionType): each a Region and
   * an optional KmsKeyId (0..2048). Region is optional in the model but means nothing without one.
   */
  static List<Replication.ReplicaRegion> replicaRegions(JsonInput in, boolean required) {
    String member = "AddReplicaRegions";
    List<JsonInput> items =
        required
            ? in.requiredStructList(member, 1, Integer.MAX_VALUE)
            : in.structList(member, 1, Integer.MAX_VALUE).orElse(List.of());
    List<Replication.ReplicaRegion> out = new ArrayList<>();
    for (JsonInput r : items) {
      Optional<String> region = r.string("Region", 1, 128, REGION);
      Optional<String> key = r.string("KmsKeyId", 0, 2048);
      if (region.isEmpty()) {
        throw new InvalidParameterException("Each entry of AddReplicaRegions needs a Region.");
      }
      out.add(new Replication.ReplicaRegion(region.get(), key));
    }
    return out;
  }
}
