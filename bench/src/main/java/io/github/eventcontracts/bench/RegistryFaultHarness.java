package io.github.eventcontracts.bench;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryException;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SubjectVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;

/**
 * Kill -9 rounds against the standalone registry jar: each round starts it on the same data folder,
 * lets concurrent writers register (new subjects, and new versions of one subject per writer), kills
 * the process with SIGKILL at a random moment, and then checks against a fresh start that every
 * acknowledged registration is served with the same schema, under the same subject, and that no id
 * names two schemas. Prints one line per round and a total:
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.RegistryFaultHarness \
 *     registry-server/target/registry-server.jar [rounds=12] [writers=8]
 * </pre>
 *
 * Exits 1 when anything acknowledged was lost or an id was reused. Loopback only, bounded rounds.
 */
public final class RegistryFaultHarness {
  private RegistryFaultHarness() {}

  /** What a writer was told: this id for this schema under this subject. */
  private record Acknowledged(String subject, String schema, int id) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "registry-server/target/registry-server.jar");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    int writers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    Path data = Files.createTempDirectory("registry-faults");
    Random random = new Random(42);
    List<Acknowledged> all = new ArrayList<>();
    Map<String, Integer> versionsPerWriter = new HashMap<>();
    int lostTotal = 0;
    int reusedTotal = 0;
    for (int round = 1; round <= rounds; round++) {
      RegistryProcess started = start(jar, data);
      Process server = started.process();
      String url = started.url();
      RegistryClient client = new RegistryClient(RegistryClientConfig.builder(url).maxRetries(0)
          .requestTimeout(Duration.ofSeconds(10)).cacheCapacity(0).build());
      List<Acknowledged> acknowledged = new ArrayList<>();
      Map<String, Acknowledged> shared = new ConcurrentHashMap<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> threads = new ArrayList<>();
      final int r = round;
      for (int w = 0; w < writers; w++) {
        final int writer = w;
        final int[] nextVersion = {versionsPerWriter.getOrDefault("w" + w, 0)};
        Thread thread = new Thread(() -> {
          for (int seq = 0; !stop.get(); seq++) {
            boolean newVersion = seq % 3 == 2;
            String subject = newVersion ? "shared-w" + writer + "-value" : "fault-r" + r + "-w" + writer + "-" + seq + "-value";
            String schema = newVersion ? versioned(writer, nextVersion[0] + 1) : distinct(r, writer, seq);
            try {
              int id = client.register(subject, RegistrySchema.avro(schema));
              synchronized (acknowledged) {
                acknowledged.add(new Acknowledged(subject, schema, id));
              }
              if (newVersion) {
                nextVersion[0]++;
              }
            } catch (RegistryException e) {
              return; // the server is gone
            }
          }
        }, "writer-" + w);
        thread.start();
        threads.add(thread);
      }
      // mid-run: writers are busy (some acknowledged already) when the kill comes, at a random moment
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (size(acknowledged) < 25 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(random.nextInt(1200));
      int beforeKill = size(acknowledged);
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      server.waitFor(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
      synchronized (acknowledged) {
        all.addAll(acknowledged);
      }
      // the next writers continue each shared subject after what the registry now holds
      RegistryProcess checking = start(jar, data);
      Process check = checking.process();
      RegistryClient fresh = new RegistryClient(RegistryClientConfig.builder(checking.url()).cacheCapacity(0).build());
      int[] lostAndReused = verify(fresh, all);
      for (int w = 0; w < writers; w++) {
        try {
          versionsPerWriter.put("w" + w, fresh.versions("shared-w" + w + "-value").size());
        } catch (RegistryException.SubjectNotFoundException e) {
          versionsPerWriter.put("w" + w, 0);
        }
      }
      check.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      lostTotal += lostAndReused[0];
      reusedTotal += lostAndReused[1];
      System.out.printf("round %2d: SIGKILL while %d writers were registering, after %d acknowledged this round; "
          + "acknowledged so far %d, lost %d, reused ids %d%n", round, writers, beforeKill, all.size(), lostAndReused[0],
          lostAndReused[1]);
    }
    System.out.printf("%d kill -9 rounds, %d writers: acknowledged %d, lost %d, reused ids %d%n", rounds, writers,
        all.size(), lostTotal, reusedTotal);
    System.exit(lostTotal == 0 && reusedTotal == 0 ? 0 : 1);
  }

  private static int size(List<Acknowledged> acknowledged) {
    synchronized (acknowledged) {
      return acknowledged.size();
    }
  }

  /** Lost: an acknowledged registration not served as acknowledged. Reused: an id serving another schema. */
  private static int[] verify(RegistryClient client, List<Acknowledged> acknowledged) {
    int lost = 0;
    int reused = 0;
    Map<Integer, Schema> byId = new HashMap<>();
    for (Acknowledged a : acknowledged) {
      Schema sent = new Schema.Parser().parse(a.schema());
      Schema earlier = byId.putIfAbsent(a.id(), sent);
      if (earlier != null && !earlier.equals(sent)) {
        reused++; // two different schemas were acknowledged with one id
        continue;
      }
      try {
        Schema served = new Schema.Parser().parse(client.schemaById(a.id()).schema());
        SubjectVersion version = client.lookup(a.subject(), RegistrySchema.avro(a.schema()));
        if (!served.equals(sent)) {
          reused++;
        } else if (version.id() != a.id()) {
          lost++;
        }
      } catch (RegistryException e) {
        lost++;
      }
    }
    return new int[] {lost, reused};
  }

  static String distinct(int round, int writer, int seq) {
    return "{\"type\":\"record\",\"name\":\"E_r" + round + "_w" + writer + "_" + seq + "\",\"namespace\":\"faults\","
        + "\"fields\":[{\"name\":\"n\",\"type\":\"long\"}]}";
  }

  /** Version k of a writer's shared subject: fields f1..fk with defaults, each BACKWARD of the one before. */
  static String versioned(int writer, int k) {
    StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"Shared" + writer
        + "\",\"namespace\":\"faults\",\"fields\":[");
    for (int f = 1; f <= k; f++) {
      schema.append(f > 1 ? "," : "").append("{\"name\":\"f").append(f).append("\",\"type\":\"long\",\"default\":0}");
    }
    return schema.append("]}").toString();
  }

  private static RegistryProcess start(Path jar, Path data) throws Exception {
    return RegistryProcess.start(jar, List.of(), List.of("--data", data.toString()), ProcessBuilder.Redirect.INHERIT);
  }
}
