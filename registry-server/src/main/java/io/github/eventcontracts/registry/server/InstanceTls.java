package io.github.eventcontracts.registry.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

/**
 * How instances of one registry reach each other over HTTPS: trusting the configured truststore
 * and showing their own certificate (the keystore's), whose subject is also how a leader knows a
 * forwarded request comes from another instance.
 */
record InstanceTls(SSLContext context, X500Principal identity) {
  /** Null when the registry has no keystore. */
  static InstanceTls of(RegistryOptions.Tls tls) {
    if (tls == null || tls.keyStore() == null) {
      return null;
    }
    try {
      KeyStore keys = load(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword());
      X500Principal identity = null;
      for (String alias : Collections.list(keys.aliases())) {
        if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate certificate) {
          identity = certificate.getSubjectX500Principal();
          break;
        }
      }
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      String keyPassword = tls.keyPassword() != null ? tls.keyPassword() : tls.keyStorePassword();
      keyManagers.init(keys, keyPassword == null ? null : keyPassword.toCharArray());
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(tls.trustStore() == null ? null : load(tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword()));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
      return new InstanceTls(context, identity);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the registry's keystore " + tls.keyStore() + " or truststore "
          + tls.trustStore() + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore load(java.nio.file.Path file, String type, String password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(type != null ? type : KeyStore.getDefaultType());
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password == null ? null : password.toCharArray());
    }
    return store;
  }
}
