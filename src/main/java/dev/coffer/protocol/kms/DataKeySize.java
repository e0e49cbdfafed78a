package dev.coffer.protocol.kms;

import dev.coffer.core.error.ValidationException;
import dev.coffer.protocol.JsonInput;
import java.util.List;
import java.util.Optional;

/** The size of a generated data key: KeySpec or NumberOfBytes, exactly one of them. */
final class DataKeySize {
  private DataKeySize() {}

  static int read(JsonInput in) {
    Optional<String> spec = in.enumString("KeySpec", List.of("AES_256", "AES_128"));
    Optional<Long> bytes = in.integer("NumberOfBytes", 1, 1024);
    in.validate();
    if (spec.isPresent() == bytes.isPresent()) {
      throw new ValidationException(
          "Specify either KeySpec or NumberOfBytes to set the length of the data key, but not"
              + " both.");
    }
    return spec.map(s -> s.equals("AES_256") ? 32 : 16).orElseGet(() -> bytes.get().intValue());
  }
}
