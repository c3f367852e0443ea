package io.github.eventcontracts.registry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Karapace's hashes, checked against the RFCs' vectors and Python's hashlib (which Karapace calls). */
class PasswordHashTest {
  @Test
  void pbkdf2AsRfc6070Gives() {
    assertThat(HexFormat.of().formatHex(PasswordHash.pbkdf2("HmacSHA1", bytes("password"), bytes("salt"), 4096, 20)))
        .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
  }

  @Test
  void scryptAsRfc7914Gives() {
    assertThat(HexFormat.of().formatHex(PasswordHash.scrypt(bytes("password"), bytes("NaCl"), 1024, 8, 16, 64)))
        .isEqualTo("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d98"
            + "30dac727afb94a83ee6d8360cbdfa2cc0640");
  }

  @Test
  void karapacesFormatIsWhatPythonsHashlibGives() {
    // hashlib.pbkdf2_hmac(alg, b'secret', b'salt-1', 5000) and hashlib.scrypt(b'secret', salt=b'salt-1',
    // n=16384, r=8, p=1), base64: what karapace_mkpasswd writes for password "secret", salt "salt-1"
    assertThat(PasswordHash.SHA1.hash("salt-1", "secret")).isEqualTo("Ogoup3mWCEaL4V7pZL5HUIjNLEY=");
    assertThat(PasswordHash.SHA256.hash("salt-1", "secret")).isEqualTo("O3d2/3iF7XJXMS1GXRUjN/fdwesRtNVyzDkHgf3SFuU=");
    assertThat(PasswordHash.SHA512.hash("salt-1", "secret")).isEqualTo(
        "nndJoKqTX4pliGjG1JG+9xuIAcvLASPtMwyEtDSPXwwZGiGcg//U5dWED6i1AVS82fya0KmR3Vdl3x++RqR+dg==");
    assertThat(PasswordHash.SCRYPT.hash("salt-1", "secret")).isEqualTo(
        "O/4afZv6RkkrZPeDCjdzKjDzvhW8DP2HuQzC86kGqVsuI4gPwExnywA1awXT9Km9bjw1ZO1szMjm6+teGmm30g==");
    assertThat(PasswordHash.SHA512.matches("salt-1", "secret", PasswordHash.SHA512.hash("salt-1", "secret"))).isTrue();
    assertThat(PasswordHash.SHA512.matches("salt-1", "Secret", PasswordHash.SHA512.hash("salt-1", "secret"))).isFalse();
  }

  @Test
  void anUnknownAlgorithmSaysWhichOnesThereAre() {
    assertThatThrownBy(() -> PasswordHash.parse("md5")).hasMessageContaining("sha1, sha256, sha512 or scrypt");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
