package io.github.eventcontracts.registry.server;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar registry-server.jar [--port 8081] [--host 127.0.0.1] [--data DIR]
 * [--basic-auth user:password] [--max-request-bytes N] [--threads N] [--repair-log]}.
 */
public final class RegistryServerMain {
  private RegistryServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    RegistryOptions options = RegistryOptions.defaults().withPort(8081);
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, arg)));
          case "--host" -> options = options.withHost(value(args, ++i, arg));
          case "--data" -> options = options.withDataDirectory(Path.of(value(args, ++i, arg)));
          case "--basic-auth" -> options = options.withBasicAuth(value(args, ++i, arg));
          case "--max-request-bytes" -> options = options.withMaxRequestBytes(Long.parseLong(value(args, ++i, arg)));
          case "--threads" -> options = options.withThreads(Integer.parseInt(value(args, ++i, arg)));
          case "--repair-log" -> options = options.withRepairLog(true);
          case "--help", "-h" -> {
            System.out.println("usage: registry-server [--port 8081] [--host 127.0.0.1] [--data DIR] "
                + "[--basic-auth user:password] [--max-request-bytes 1048576] [--threads 16] [--repair-log]");
            return;
          }
          default -> throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
        }
      }
    } catch (IllegalArgumentException e) {
      System.err.println("registry-server: " + e.getMessage());
      System.exit(2);
    }
    long started = System.nanoTime();
    EmbeddedRegistry registry;
    try {
      registry = EmbeddedRegistry.start(options);
    } catch (RuntimeException e) {
      System.err.println("registry-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "registry-shutdown"));
    System.out.println("registry-server listening on " + registry.url() + " ("
        + (options.dataDirectory() == null ? "in memory" : "data in " + options.dataDirectory()) + ", started in "
        + (System.nanoTime() - started) / 1_000_000 + " ms)");
    System.out.flush();
    stopped.await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }
}
