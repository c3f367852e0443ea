package io.github.eventcontracts.bench;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Latency of ordinary requests while hostile connections hold the server: 16 that send one byte
 * and stop, and 300 that drip request headers one byte a second. One client reads a schema by id
 * in a loop for the given seconds; prints p50, p99 and max, and how many requests got no answer
 * within 2 s. Everything on loopback, bounded in count and time.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.SlowLorisProbe [seconds]</pre>
 */
public final class SlowLorisProbe {
  private SlowLorisProbe() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    try (EmbeddedRegistry registry = EmbeddedRegistry.start()) {
      int id = RegistryClient.of(registry.url()).register("probe-value", RegistrySchema.avro(RegistryBenchmark.SCHEMA));
      URI uri = URI.create(registry.url());
      List<Socket> hostile = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.getOutputStream().write('G');
        s.getOutputStream().flush();
        hostile.add(s);
      }
      ExecutorService drip = Executors.newFixedThreadPool(4);
      List<Socket> drippers = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        drippers.add(new Socket(uri.getHost(), uri.getPort()));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 2);
      byte[] request = ("GET /schemas/ids/" + id + " HTTP/1.1\r\nHost: x\r\n" + "X-Drip: " + "a".repeat(4000))
          .getBytes(StandardCharsets.US_ASCII);
      for (int t = 0; t < 4; t++) {
        final int part = t;
        drip.submit(() -> {
          for (int b = 0; b < request.length && System.nanoTime() < until; b++) {
            for (int i = part; i < drippers.size(); i += 4) {
              try {
                OutputStream out = drippers.get(i).getOutputStream();
                out.write(request[b]);
                out.flush();
              } catch (Exception e) {
                // the server closed it: that is what a guarded server does
              }
            }
            try {
              Thread.sleep(1000);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
      }

      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest get = HttpRequest.newBuilder(URI.create(registry.url() + "/schemas/ids/" + id))
          .timeout(Duration.ofSeconds(2)).GET().build();
      List<Long> micros = new ArrayList<>();
      int unanswered = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        long start = System.nanoTime();
        try {
          HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            micros.add((System.nanoTime() - start) / 1000);
          } else {
            unanswered++;
          }
        } catch (Exception e) {
          unanswered++;
        }
      }
      drip.shutdownNow();
      for (Socket s : hostile) {
        s.close();
      }
      for (Socket s : drippers) {
        s.close();
      }
      long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("slow-loris (16 stalled + 300 dripping connections), %d s: %d answered, %d unanswered within "
              + "2 s; p50 %s, p99 %s, max %s%n", seconds, sorted.length, unanswered, ms(sorted, 0.50), ms(sorted, 0.99),
          sorted.length == 0 ? "-" : String.format("%.1f ms", sorted[sorted.length - 1] / 1000.0));
    }
    System.exit(0);
  }

  private static String ms(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return "-";
    }
    return String.format("%.1f ms", sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1000.0);
  }
}
