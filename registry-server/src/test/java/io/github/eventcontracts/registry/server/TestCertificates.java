package io.github.eventcontracts.registry.server;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA made for one test, and certificates it signs: a server's (for 127.0.0.1 and
 * localhost) and clients' (their common name is the user), each written as a PKCS12 keystore, plus
 * a truststore holding the CA. Nothing is committed: every run makes its own.
 */
public final class TestCertificates {
  public static final String PASSWORD = "changeit";
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private final Path directory;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestCertificates(Path directory) throws Exception {
    this.directory = directory;
    this.caKeys = keys();
    this.ca = sign("CN=test-ca", caKeys, caKeys.getPrivate(), new X500Name("CN=test-ca"), true);
  }

  public static TestCertificates in(Path directory) {
    try {
      Files.createDirectories(directory);
      return new TestCertificates(directory);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A truststore with the CA: what clients and servers trust. */
  public Path trustStore() {
    try {
      Path file = directory.resolve("truststore.p12");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", ca);
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A keystore with a key and a certificate for {@code commonName}, signed by the CA. */
  public Path keyStore(String commonName) {
    try {
      KeyPair keys = keys();
      X509Certificate certificate = sign("CN=" + commonName, keys, caKeys.getPrivate(), new X500Name("CN=test-ca"), false);
      Path file = directory.resolve(commonName + ".p12");
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("key", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {certificate, ca});
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
      return file;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A registry on an HTTPS listener of a free loopback port with a certificate from this CA (for
   * 127.0.0.1 and localhost), trusting this CA's client certificates as {@code clientAuth} says.
   */
  public RegistryOptions httpsRegistry(RegistryOptions.ClientAuth clientAuth) {
    return RegistryOptions.defaults()
        .withListeners(java.util.List.of(RegistryOptions.Listener.parse("https://127.0.0.1:0")))
        .withTls(new RegistryOptions.Tls(keyStore("registry"), "PKCS12", PASSWORD, null, trustStore(), "PKCS12",
            PASSWORD, clientAuth, java.util.List.of()));
  }

  /** A client's TLS context: trusting the CA and, when {@code keyStore} is given, showing its certificate. */
  public SSLContext clientContext(Path keyStore) {
    try {
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(trustStore()));
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path file) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(String subject, KeyPair keys, PrivateKey issuerKey, X500Name issuer,
      boolean authority) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (!authority) {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
    }
    return new JcaX509CertificateConverter().getCertificate(builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }
}
