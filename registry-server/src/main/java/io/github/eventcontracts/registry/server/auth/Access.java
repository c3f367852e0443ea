package io.github.eventcontracts.registry.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a request is and what it may do. Three ways, from the simplest: nobody is asked; one shared
 * {@code user:password} that may do everything; or Karapace's authfile, users with hashed
 * passwords and per-subject permissions, reloaded when the file changes (a broken file keeps the
 * last good one). With client certificates on, a certificate's common name is the user too.
 *
 * <p>A password is hashed on first use only: a verified login is remembered by a digest of the
 * user, password and the user's hash (never the password), until the authfile changes, because
 * Karapace's scrypt costs 16 MiB and tens of milliseconds a time and HTTP basic auth sends the
 * password with every request.
 */
public final class Access implements AutoCloseable {
  /**
   * The caller: a user name, or the single credential's user, who may do everything.
   *
   * @param certificate whether the name came from a client certificate (no password to pass on)
   */
  public record Principal(String name, boolean everything, boolean certificate) {
    public Principal(String name, boolean everything) {
      this(name, everything, false);
    }
  }

  /** A login that did not succeed: 401. */
  public static final class Unauthenticated extends RuntimeException {
    public Unauthenticated(String message) {
      super(message, null, false, false);
    }
  }

  private final byte[] sharedCredentials;
  private final Path authFile;
  private final boolean certificateUsers;
  private final Consumer<String> log;
  private volatile AuthFile current;
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();
  private final AtomicLong failedLogins = new AtomicLong();
  private final AtomicLong generation = new AtomicLong();
  private final Object reloaded = new Object();
  private final WatchService watcher;
  private final Thread watching;

  private Access(String sharedUserInfo, Path authFile, boolean certificateUsers, Consumer<String> log) {
    this.sharedCredentials = sharedUserInfo == null ? null
        : Base64.getEncoder().encodeToString(sharedUserInfo.getBytes(StandardCharsets.UTF_8))
            .getBytes(StandardCharsets.US_ASCII);
    this.authFile = authFile == null ? null : authFile.toAbsolutePath();
    this.certificateUsers = certificateUsers;
    this.log = log;
    if (this.authFile != null) {
      this.current = AuthFile.read(this.authFile); // at start, a broken file is a refusal to start
      log.accept("authfile " + this.authFile + ": " + current.users() + " user(s), " + current.permissions()
          + " permission(s)");
      try {
        this.watcher = FileSystems.getDefault().newWatchService();
        this.authFile.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot watch the authfile " + this.authFile + " for changes: "
            + e.getMessage(), e);
      }
      this.watching = new Thread(this::watch, "registry-authfile-watch");
      watching.setDaemon(true);
      watching.start();
    } else {
      this.watcher = null;
      this.watching = null;
    }
  }

  /** Nobody is asked (the default for a registry on loopback). */
  public static Access open() {
    return new Access(null, null, false, m -> { });
  }

  /**
   * @param sharedUserInfo {@code user:password} that may do everything, or null
   * @param authFile Karapace's authfile, or null
   * @param certificateUsers whether a client certificate's common name is a user
   */
  public static Access of(String sharedUserInfo, Path authFile, boolean certificateUsers, Consumer<String> log) {
    if (sharedUserInfo != null && authFile != null) {
      throw new IllegalArgumentException("one shared credential or an authfile, not both: give each user an entry "
          + "in the authfile");
    }
    return new Access(sharedUserInfo, authFile, certificateUsers, log);
  }

  /** Whether requests must say who they are. */
  public boolean required() {
    return sharedCredentials != null || authFile != null || certificateUsers;
  }

  /**
   * The caller of a request, from its {@code Authorization} header or its client certificate.
   *
   * @throws Unauthenticated when credentials are required and missing or wrong
   */
  public Principal authenticate(String authorization, X509Certificate[] peer, String remote) {
    if (!required()) {
      return new Principal("ANONYMOUS", true);
    }
    String basic = basicCredentials(authorization);
    if (basic != null) {
      if (sharedCredentials != null) {
        if (MessageDigest.isEqual(sharedCredentials, basic.getBytes(StandardCharsets.US_ASCII))) {
          return new Principal(userOf(basic), true);
        }
      } else if (authFile != null) {
        String user = userOf(basic);
        if (user != null && verify(user, passwordOf(basic))) {
          return new Principal(user, false);
        }
      }
      long failed = failedLogins.incrementAndGet();
      log.accept("failed login" + (userOf(basic) == null ? "" : " for user '" + userOf(basic) + "'") + " from "
          + remote + " (" + failed + " failed login(s) since start)");
      throw new Unauthenticated("Unauthorized");
    }
    if (certificateUsers && peer != null && peer.length > 0) {
      return new Principal(commonName(peer[0]), false, true);
    }
    throw new Unauthenticated("Unauthorized");
  }

  /** Whether the caller may do {@code operation} on {@code resource} ({@code Subject:<s>} or {@code Config:}). */
  public boolean allows(Principal who, AuthFile.Operation operation, String resource) {
    if (who.everything()) {
      return true;
    }
    AuthFile rules = current;
    return rules != null && rules.allows(who.name(), operation, resource);
  }

  public long failedLogins() {
    return failedLogins.get();
  }

  /** How many times the authfile was reloaded since start. */
  public long generation() {
    return generation.get();
  }

  /** Waits until the authfile has been reloaded past {@code seen} (or the timeout passes); true if it was. */
  public boolean awaitReloadAfter(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (reloaded) {
      while (generation.get() <= seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        reloaded.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  private boolean verify(String user, String password) {
    AuthFile rules = current;
    String hashed = rules.saltOf(user);
    if (hashed == null) {
      return false;
    }
    String key = digest(user + '\0' + password + '\0' + hashed);
    if (verified.containsKey(key)) {
      return true;
    }
    boolean ok = rules.passwordMatches(user, password);
    if (ok) {
      if (verified.size() > 10_000) {
        verified.clear(); // bounded: many users (or a password spray) must not grow it
      }
      verified.put(key, Boolean.TRUE);
    }
    return ok;
  }

  private void watch() {
    String name = authFile.getFileName().toString();
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean ours = key.pollEvents().stream().anyMatch(e -> name.equals(String.valueOf(e.context())));
        key.reset();
        if (ours) {
          reload();
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  /** Reads the file again; a broken file keeps the rules in force and says why. */
  void reload() {
    try {
      AuthFile next = AuthFile.read(authFile);
      current = next;
      verified.clear();
      log.accept("authfile " + authFile + " reloaded: " + next.users() + " user(s), " + next.permissions()
          + " permission(s)");
    } catch (IllegalArgumentException e) {
      log.accept("authfile not reloaded, the last good one stays in force: " + e.getMessage());
    } finally {
      synchronized (reloaded) {
        generation.incrementAndGet();
        reloaded.notifyAll();
      }
    }
  }

  private static String basicCredentials(String authorization) {
    int space = authorization == null ? -1 : authorization.indexOf(' ');
    if (space <= 0 || !authorization.substring(0, space).equalsIgnoreCase("Basic")) {
      return null;
    }
    return authorization.substring(space + 1).trim();
  }

  private static String decoded(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String userOf(String base64) {
    String pair = decoded(base64);
    return pair == null || pair.indexOf(':') < 0 ? null : pair.substring(0, pair.indexOf(':'));
  }

  private static String passwordOf(String base64) {
    String pair = decoded(base64);
    return pair.substring(pair.indexOf(':') + 1);
  }

  /** The certificate subject's CN, else the whole subject name. */
  static String commonName(X509Certificate certificate) {
    String dn = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(dn).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      // fall through to the whole name
    }
    return dn;
  }

  private static String digest(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        // nothing more to do
      }
    }
  }
}
