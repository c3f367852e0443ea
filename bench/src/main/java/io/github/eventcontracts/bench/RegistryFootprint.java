package io.github.eventcontracts.bench;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.server.EmbeddedRegistry;
import java.lang.management.ManagementFactory;

/**
 * Prints the embedded registry's start-up time (first start in a fresh JVM, and warm) and the heap
 * it uses with 1,000 registered schemas:
 * {@code java -cp bench/target/benchmarks.jar io.github.eventcontracts.bench.RegistryFootprint}.
 */
public final class RegistryFootprint {
  private RegistryFootprint() {}

  public static void main(String[] args) {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    long t0 = System.nanoTime();
    EmbeddedRegistry registry = EmbeddedRegistry.start();
    long coldMillis = (System.nanoTime() - t0) / 1_000_000;
    long sinceJvmStart = System.currentTimeMillis() - jvmStart;
    long t1 = System.nanoTime();
    RegistryClient.of(registry.url()).subjects(); // the first answer, client start-up included
    long firstAnswerMillis = (System.nanoTime() - t1) / 1_000_000;
    registry.close();

    long warm = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      long t = System.nanoTime();
      try (EmbeddedRegistry again = EmbeddedRegistry.start()) {
        RegistryClient.of(again.url()).subjects();
      }
      warm = Math.min(warm, System.nanoTime() - t);
    }

    long heapBefore;
    long heapAfter;
    try (EmbeddedRegistry loaded = EmbeddedRegistry.start()) {
      heapBefore = usedHeapAfterGc();
      RegistryClient c = RegistryClient.of(loaded.url());
      for (int i = 0; i < 1000; i++) {
        c.register("footprint-" + i + "-value", RegistrySchema.avro(RegistryBenchmark.SCHEMA.replace("OrderCreated",
            "OrderCreated" + i)));
      }
      heapAfter = usedHeapAfterGc();
    }
    long[] small = perVersion(1, 1000);
    long[] wide = perVersion(600, 200);
    System.out.printf("registry start-up: %d ms in a fresh JVM (%d ms from JVM start to listening), first answer "
        + "%d ms later (JDK HttpClient start-up included), warm start + first answer %d ms%n",
        coldMillis, sinceJvmStart, firstAnswerMillis, warm / 1_000_000);
    System.out.printf("heap used: empty registry %.1f MiB, with 1,000 schemas %.1f MiB (+%.1f KiB per schema)%n",
        heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / 1000);
    System.out.printf("heap per stored version: %.1f KiB with 1 field (1,000 versions, %d bytes of schema text each), "
        + "%.1f KiB with 600 fields (200 versions, %d bytes each)%n", small[0] / 1024.0, small[1], wide[0] / 1024.0,
        wide[1]);
  }

  /** Heap per version of one subject whose versions each have {@code fields} fields (one renamed per version). */
  private static long[] perVersion(int fields, int versions) {
    try (EmbeddedRegistry loaded = EmbeddedRegistry.start()) {
      RegistryClient c = RegistryClient.of(loaded.url());
      String first = wide(fields, 0);
      c.register("warm-up-value", RegistrySchema.avro(first));
      long before = usedHeapAfterGc();
      for (int v = 1; v <= versions; v++) {
        c.register("wide-value", RegistrySchema.avro(wide(fields, v)));
      }
      long after = usedHeapAfterGc();
      return new long[] {(after - before) / versions, first.length()};
    }
  }

  /** {@code fields} optional string fields; version v renames the last one, so every version is new and BACKWARD. */
  static String wide(int fields, int version) {
    StringBuilder schema = new StringBuilder("{\"type\":\"record\",\"name\":\"Wide\",\"namespace\":\"footprint\",\"fields\":[");
    for (int f = 1; f <= fields; f++) {
      String name = f == fields ? "last_v" + version : "field_" + f;
      schema.append(f > 1 ? "," : "").append("{\"name\":\"").append(name)
          .append("\",\"type\":[\"null\",\"string\"],\"default\":null}");
    }
    return schema.append("]}").toString();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
