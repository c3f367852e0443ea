package io.github.eventcontracts.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach a registry. Immutable; build with {@link #builder(String...)}. {@link #toString()}
 * never shows credentials.
 */
public final class RegistryClientConfig {
  private final List<URI> urls;
  private final String basicAuthUserInfo;
  private final String bearerToken;
  private final Map<String, String> headers;
  private final SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final int cacheCapacity;
  private final Duration missingIdCacheTtl;

  private RegistryClientConfig(Builder b) {
    if (b.urls.isEmpty()) {
      throw new IllegalArgumentException("give at least one registry URL");
    }
    String userInfo = b.basicAuthUserInfo;
    List<URI> clean = new ArrayList<>();
    for (URI url : b.urls) {
      // user:password@host in a URL becomes basic auth, and leaves the URL so it can be logged
      if (url.getUserInfo() != null) {
        if (userInfo == null) {
          userInfo = url.getUserInfo();
        }
        try {
          url = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("invalid registry URL " + url.getHost(), e);
        }
      }
      String s = url.toString();
      clean.add(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
    }
    this.urls = List.copyOf(clean);
    this.basicAuthUserInfo = userInfo;
    this.bearerToken = b.bearerToken;
    this.headers = Map.copyOf(b.headers);
    this.sslContext = b.sslContext;
    this.connectTimeout = b.connectTimeout;
    this.requestTimeout = b.requestTimeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.cacheCapacity = b.cacheCapacity;
    this.missingIdCacheTtl = b.missingIdCacheTtl;
  }

  public static Builder builder(String... urls) {
    Builder b = new Builder();
    for (String url : urls) {
      for (String one : url.split(",")) {
        if (!one.isBlank()) {
          b.urls.add(URI.create(one.trim()));
        }
      }
    }
    return b;
  }

  public List<URI> urls() {
    return urls;
  }

  String basicAuthUserInfo() {
    return basicAuthUserInfo;
  }

  String bearerToken() {
    return bearerToken;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How long an id the registry does not know is answered as unknown without asking again; zero: always ask. */
  public Duration missingIdCacheTtl() {
    return missingIdCacheTtl;
  }

  public int cacheCapacity() {
    return cacheCapacity;
  }

  @Override
  public String toString() {
    return "RegistryClientConfig{urls=" + urls + ", auth=" + (basicAuthUserInfo != null ? "basic" : bearerToken != null
        ? "bearer" : "none") + ", headers=" + headers.keySet() + ", tls=" + (sslContext != null) + ", connectTimeout="
        + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + "}";
  }

  /** Builder with defaults: 10 s connect, 30 s request, 3 retries from 100 ms up to 5 s, 1000 cached schemas. */
  public static final class Builder {
    private final List<URI> urls = new ArrayList<>();
    private String basicAuthUserInfo;
    private String bearerToken;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxRetries = 3;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private int cacheCapacity = 1000;
    private Duration missingIdCacheTtl = Duration.ZERO;

    private Builder() {}

    /** {@code user:password}, as Confluent's {@code basic.auth.user.info}. */
    public Builder basicAuth(String userInfo) {
      if (userInfo != null && !userInfo.contains(":")) {
        throw new IllegalArgumentException("basic auth must be 'user:password'");
      }
      this.basicAuthUserInfo = userInfo;
      return this;
    }

    public Builder bearerToken(String token) {
      this.bearerToken = token;
      return this;
    }

    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /** TLS from a truststore (server certificates) and optionally a keystore (client certificate). */
    public Builder tls(Path trustStore, char[] trustStorePassword, Path keyStore, char[] keyStorePassword) {
      try {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore == null ? null : load(trustStore, trustStorePassword));
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
          kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
          kmf.init(load(keyStore, keyStorePassword), keyStorePassword);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        this.sslContext = context;
        return this;
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
      }
    }

    private static KeyStore load(Path file, char[] password) throws GeneralSecurityException, IOException {
      try (InputStream in = Files.newInputStream(file)) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
        store.load(in, password);
        return store;
      }
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** Retries after the first attempt, for IO errors, 429 and 5xx only. */
    public Builder maxRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must be >= 0");
      }
      this.maxRetries = retries;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Remember that the registry does not know an id for this long (Confluent's
     * {@code missing.id.cache.ttl.sec}): a topic of frames with an unknown id then costs one
     * request, not one per frame.
     */
    public Builder missingIdCacheTtl(Duration ttl) {
      this.missingIdCacheTtl = ttl == null || ttl.isNegative() ? Duration.ZERO : ttl;
      return this;
    }

    public Builder cacheCapacity(int capacity) {
      this.cacheCapacity = capacity;
      return this;
    }

    public RegistryClientConfig build() {
      return new RegistryClientConfig(this);
    }
  }
}
