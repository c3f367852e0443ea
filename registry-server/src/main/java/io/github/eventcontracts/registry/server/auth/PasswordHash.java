package io.github.eventcontracts.registry.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Karapace's password hashes, so an operator's authfile works unchanged: {@code sha1},
 * {@code sha256}, {@code sha512} are PBKDF2-HMAC with 5000 iterations and the digest's length,
 * {@code scrypt} is scrypt with N=16384, r=8, p=1 and 64 bytes; the salt is the text's UTF-8 bytes,
 * the hash base64. (Karapace's {@code karapace_mkpasswd} writes them.)
 */
public enum PasswordHash {
  SHA1("HmacSHA1", 20), SHA256("HmacSHA256", 32), SHA512("HmacSHA512", 64), SCRYPT("HmacSHA256", 64);

  private static final int PBKDF2_ITERATIONS = 5000;
  private final String mac;
  private final int length;

  PasswordHash(String mac, int length) {
    this.mac = mac;
    this.length = length;
  }

  /** {@code sha512} and the others, as the authfile names them. */
  public static PasswordHash parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown algorithm '" + name + "'; use sha1, sha256, sha512 or scrypt");
    }
  }

  /** The base64 hash of {@code password} with {@code salt}, as Karapace computes it. */
  public String hash(String salt, String password) {
    byte[] p = password.getBytes(StandardCharsets.UTF_8);
    byte[] s = salt.getBytes(StandardCharsets.UTF_8);
    byte[] out = this == SCRYPT ? scrypt(p, s, 16384, 8, 1, length) : pbkdf2(mac, p, s, PBKDF2_ITERATIONS, length);
    return Base64.getEncoder().encodeToString(out);
  }

  /** Whether {@code password} gives {@code expected}, compared in constant time. */
  public boolean matches(String salt, String password, String expected) {
    return MessageDigest.isEqual(hash(salt, password).getBytes(StandardCharsets.US_ASCII),
        expected.getBytes(StandardCharsets.US_ASCII));
  }

  /** PBKDF2 (RFC 8018) over raw bytes: the JDK's factory takes only chars. */
  static byte[] pbkdf2(String algorithm, byte[] password, byte[] salt, int iterations, int length) {
    try {
      Mac prf = Mac.getInstance(algorithm);
      // an empty password is a valid PBKDF2 input, but not a valid SecretKeySpec
      prf.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, algorithm) {
        @Override
        public byte[] getEncoded() {
          return password.clone();
        }
      });
      int blockLength = prf.getMacLength();
      byte[] out = new byte[length];
      for (int block = 1, offset = 0; offset < length; block++, offset += blockLength) {
        prf.update(salt);
        prf.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
        byte[] u = prf.doFinal();
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
          u = prf.doFinal(u);
          for (int j = 0; j < t.length; j++) {
            t[j] ^= u[j];
          }
        }
        System.arraycopy(t, 0, out, offset, Math.min(blockLength, length - offset));
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JVM", e);
    }
  }

  /** scrypt (RFC 7914): PBKDF2-HMAC-SHA256, ROMix with Salsa20/8 on each of p blocks, PBKDF2 again. */
  static byte[] scrypt(byte[] password, byte[] salt, int n, int r, int p, int length) {
    byte[] b = pbkdf2("HmacSHA256", password, salt, 1, p * 128 * r);
    int[] x = new int[32 * r];
    int[] v = new int[32 * r * n];
    for (int i = 0; i < p; i++) {
      romix(b, i * 128 * r, r, n, x, v);
    }
    return pbkdf2("HmacSHA256", password, b, 1, length);
  }

  private static void romix(byte[] b, int offset, int r, int n, int[] x, int[] v) {
    int words = 32 * r;
    for (int i = 0; i < words; i++) {
      int at = offset + i * 4;
      x[i] = (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
    int[] scratch = new int[words];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, 0, v, i * words, words);
      blockMix(x, scratch, r);
    }
    for (int i = 0; i < n; i++) {
      int j = x[(2 * r - 1) * 16] & (n - 1);
      for (int k = 0; k < words; k++) {
        x[k] ^= v[j * words + k];
      }
      blockMix(x, scratch, r);
    }
    for (int i = 0; i < words; i++) {
      int at = offset + i * 4;
      b[at] = (byte) x[i];
      b[at + 1] = (byte) (x[i] >>> 8);
      b[at + 2] = (byte) (x[i] >>> 16);
      b[at + 3] = (byte) (x[i] >>> 24);
    }
  }

  /** BlockMix with Salsa20/8: even blocks to the first half of the output, odd ones to the second. */
  private static void blockMix(int[] b, int[] y, int r) {
    int[] t = new int[16];
    System.arraycopy(b, (2 * r - 1) * 16, t, 0, 16);
    for (int i = 0; i < 2 * r; i++) {
      for (int k = 0; k < 16; k++) {
        t[k] ^= b[i * 16 + k];
      }
      salsa8(t);
      System.arraycopy(t, 0, y, (i % 2 == 0 ? i / 2 : r + i / 2) * 16, 16);
    }
    System.arraycopy(y, 0, b, 0, 32 * r);
  }

  private static void salsa8(int[] b) {
    int[] x = b.clone();
    for (int i = 0; i < 8; i += 2) {
      x[4] ^= Integer.rotateLeft(x[0] + x[12], 7); x[8] ^= Integer.rotateLeft(x[4] + x[0], 9);
      x[12] ^= Integer.rotateLeft(x[8] + x[4], 13); x[0] ^= Integer.rotateLeft(x[12] + x[8], 18);
      x[9] ^= Integer.rotateLeft(x[5] + x[1], 7); x[13] ^= Integer.rotateLeft(x[9] + x[5], 9);
      x[1] ^= Integer.rotateLeft(x[13] + x[9], 13); x[5] ^= Integer.rotateLeft(x[1] + x[13], 18);
      x[14] ^= Integer.rotateLeft(x[10] + x[6], 7); x[2] ^= Integer.rotateLeft(x[14] + x[10], 9);
      x[6] ^= Integer.rotateLeft(x[2] + x[14], 13); x[10] ^= Integer.rotateLeft(x[6] + x[2], 18);
      x[3] ^= Integer.rotateLeft(x[15] + x[11], 7); x[7] ^= Integer.rotateLeft(x[3] + x[15], 9);
      x[11] ^= Integer.rotateLeft(x[7] + x[3], 13); x[15] ^= Integer.rotateLeft(x[11] + x[7], 18);
      x[1] ^= Integer.rotateLeft(x[0] + x[3], 7); x[2] ^= Integer.rotateLeft(x[1] + x[0], 9);
      x[3] ^= Integer.rotateLeft(x[2] + x[1], 13); x[0] ^= Integer.rotateLeft(x[3] + x[2], 18);
      x[6] ^= Integer.rotateLeft(x[5] + x[4], 7); x[7] ^= Integer.rotateLeft(x[6] + x[5], 9);
      x[4] ^= Integer.rotateLeft(x[7] + x[6], 13); x[5] ^= Integer.rotateLeft(x[4] + x[7], 18);
      x[11] ^= Integer.rotateLeft(x[10] + x[9], 7); x[8] ^= Integer.rotateLeft(x[11] + x[10], 9);
      x[9] ^= Integer.rotateLeft(x[8] + x[11], 13); x[10] ^= Integer.rotateLeft(x[9] + x[8], 18);
      x[12] ^= Integer.rotateLeft(x[15] + x[14], 7); x[13] ^= Integer.rotateLeft(x[12] + x[15], 9);
      x[14] ^= Integer.rotateLeft(x[13] + x[12], 13); x[15] ^= Integer.rotateLeft(x[14] + x[13], 18);
    }
    for (int i = 0; i < 16; i++) {
      b[i] += x[i];
    }
  }
}
