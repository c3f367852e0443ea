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
    System.out.printf("registry start-up: %d ms in a fresh JVM (%d ms from JVM start to listening), first answer "
        + "%d ms later (JDK HttpClient start-up included), warm start + first answer %d ms%n",
        coldMillis, sinceJvmStart, firstAnswerMillis, warm / 1_000_000);
    System.out.printf("heap used: empty registry %.1f MiB, with 1,000 schemas %.1f MiB (+%.1f KiB per schema)%n",
        heapBefore / 1048576.0, heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / 1000);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
