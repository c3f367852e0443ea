package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.eventcontracts.registry.client.RegistrySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Concurrent registrations share one store write, decided as if one after the other: independent
 * ones together, a subject or schema already in the batch in the next one; a failed write fails
 * exactly the registrations it carried and leaves nothing behind.
 */
class GroupCommitTest {
  /** A store that holds its first write until released, and may fail the next one. */
  private static final class GatedStore implements SchemaStore {
    final List<List<LogRecord>> writes = new CopyOnWriteArrayList<>();
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean failNext;

    @Override
    public void open(Replica replica) {}

    @Override
    public void append(List<LogRecord> change) {
      if (writes.isEmpty()) {
        firstWriteStarted.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failNext) {
        failNext = false;
        throw new RegistryError(500, 50001, "Error while storing the schema in Kafka: broker gone");
      }
      writes.add(List.copyOf(change));
    }

    @Override
    public String describe() {
      return "gated";
    }

    @Override
    public void close() {}
  }

  private static RegistrySchema record(String name, String field) {
    return RegistrySchema.avro("{\"type\":\"record\",\"name\":\"" + name + "\",\"fields\":[" + field + "]}");
  }

  /** Starts {@code first}, holds its write, queues {@code others} behind it, then lets everything go. */
  private static List<Future<Integer>> registerWhileTheFirstWriteIsHeld(RegistryService service, GatedStore store,
      ExecutorService pool, String first, List<String[]> others) throws Exception {
    List<Future<Integer>> out = new ArrayList<>();
    out.add(pool.submit(() -> service.register(first, record("First", ""), false)));
    assertThat(store.firstWriteStarted.await(30, TimeUnit.SECONDS)).isTrue();
    for (String[] subjectAndSchema : others) {
      out.add(pool.submit(() -> service.register(subjectAndSchema[0], record(subjectAndSchema[1],
          subjectAndSchema.length > 2 ? subjectAndSchema[2] : ""), false)));
      awaitWaiting(service, out.size() - 1); // queued in this order
    }
    store.release.countDown();
    return out;
  }

  /** A condition, not a delay: {@code count} registrations queued behind the held write. */
  private static void awaitWaiting(RegistryService service, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (service.waitingRegistrations() < count && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    assertThat(service.waitingRegistrations()).isEqualTo(count);
  }

  @Test
  void independentRegistrationsShareOneWriteAndTakeIdsInOrder() throws Exception {
    GatedStore store = new GatedStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (RegistryService service = new RegistryService(store)) {
      List<String[]> others = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        others.add(new String[] {"s" + i + "-value", "E" + i});
      }
      List<Future<Integer>> ids = registerWhileTheFirstWriteIsHeld(service, store, pool, "first-value", others);
      List<Integer> answered = new ArrayList<>();
      for (Future<Integer> id : ids) {
        answered.add(id.get(30, TimeUnit.SECONDS));
      }
      assertThat(answered).containsExactly(1, 2, 3, 4, 5, 6, 7, 8); // in the order they came
      assertThat(store.writes).hasSize(2);
      assertThat(store.writes.get(1)).hasSize(14); // 7 × (schema + version)
      for (int i = 0; i < 7; i++) {
        assertThat(service.version("s" + i + "-value", "latest", false).id()).isEqualTo(answered.get(i + 1));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSubjectOrSchemaAlreadyInTheBatchWaitsForTheNextOne() throws Exception {
    GatedStore store = new GatedStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (RegistryService service = new RegistryService(store)) {
      List<Future<Integer>> ids = registerWhileTheFirstWriteIsHeld(service, store, pool, "first-value", List.of(
          new String[] {"orders-value", "Order"},
          new String[] {"orders-value", "Order", "{\"name\":\"n\",\"type\":\"int\",\"default\":0}"},
          new String[] {"copy-value", "Order"},
          new String[] {"other-value", "Other"}));
      int order = ids.get(1).get(30, TimeUnit.SECONDS);
      int orderV2 = ids.get(2).get(30, TimeUnit.SECONDS);
      int copy = ids.get(3).get(30, TimeUnit.SECONDS);
      ids.get(4).get(30, TimeUnit.SECONDS);
      // as if one after the other: the copy shares the id of the same schema, orders has two versions
      assertThat(copy).isEqualTo(order);
      assertThat(orderV2).isNotEqualTo(order);
      assertThat(service.versions("orders-value", false)).containsExactly(1, 2);
      assertThat(service.version("orders-value", "2", false).id()).isEqualTo(orderV2);
      assertThat(store.writes).hasSize(3); // first; orders v1 + other; orders v2 + copy
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedWriteFailsTheRegistrationsItCarriedAndKeepsNothing() throws Exception {
    GatedStore store = new GatedStore();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (RegistryService service = new RegistryService(store)) {
      store.failNext = true; // the held write is the one that fails
      List<Future<Integer>> ids = registerWhileTheFirstWriteIsHeld(service, store, pool, "first-value", List.of(
          new String[] {"a-value", "A"}, new String[] {"b-value", "B"}));
      assertThatThrownBy(() -> ids.get(0).get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(RegistryError.class)
          .hasMessageContaining("broker gone");
      // id 1 was never stored nor answered: the next batch gives it out
      assertThat(List.of(ids.get(1).get(30, TimeUnit.SECONDS), ids.get(2).get(30, TimeUnit.SECONDS)))
          .containsExactlyInAnyOrder(1, 2);
      assertThat(service.subjects(false)).containsExactly("a-value", "b-value");
      assertThatThrownBy(() -> service.version("first-value", "latest", false)).isInstanceOf(RegistryError.class);
    } finally {
      pool.shutdownNow();
    }
  }
}
