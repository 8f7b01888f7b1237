package dev.t2i.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Short content hashes that name caches: the same inputs give the same directory. */
public final class Fingerprint {
  private Fingerprint() {}

  /** The first 8 bytes of the SHA-256 of {@code text}'s UTF-8, as 16 hex digits. */
  public static String of(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new InvariantViolation("the JDK lacks SHA-256", e);
    }
  }
}
