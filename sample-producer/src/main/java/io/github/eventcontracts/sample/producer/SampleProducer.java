package io.github.eventcontracts.sample.producer;

import io.github.eventcontracts.kafka.embedded.EmbeddedKafka;
import io.github.eventcontracts.sample.support.EndpointOptions;
import io.github.eventcontracts.sample.support.Endpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * Publishes the life of {@code --orders} orders (one created, three shipment updates each) with the
 * habits of good producer code: idempotence on and {@code acks=all} (no duplicates or reordering on
 * retry), the order id as key (one partition per order, so its events stay in order), an
 * {@code event-id} header for consumers to deduplicate by. Values are framed by our serializers
 * (schema id in every message); the schemas must already be registered (the build's
 * {@code schema:register}), as {@code auto.register.schemas} is off and {@code use.latest.version}
 * on, Confluent's advice for schemas with references.
 */
@Command(name = "sample-producer", mixinStandardHelpOptions = true,
    description = "Publishes typed order events in Confluent's wire format.")
public final class SampleProducer implements Callable<Integer> {
  public static final String EVENT_ID = "event-id";
  public static final String EVENT_TYPE = "event-type";

  @Mixin
  EndpointOptions endpointOptions;

  @Option(names = "--orders", defaultValue = "10", description = "Orders to publish (${DEFAULT-VALUE}); 4 events each")
  int orders;

  @Option(names = "--rate", defaultValue = "0", description = "Events per second; 0 = as fast as possible")
  double rate;

  @Option(names = "--auto-register", defaultValue = "false",
      description = "Register schemas from the classes (auto.register.schemas); off: they come from the build")
  boolean autoRegister;

  @Option(names = "--quiet", description = "Do not print a line per message")
  boolean quiet;

  /** What was published: one line's worth per message. */
  public record Sent(String topic, int partition, long offset, int schemaId, String key, String eventId,
      String type) {
    @Override
    public String toString() {
      return "produced topic=" + topic + " partition=" + partition + " offset=" + offset + " schema-id=" + schemaId
          + " key=" + key + " event-id=" + eventId + " type=" + type;
    }
  }

  /** A run's settings. */
  public record Settings(String bootstrapServers, String registryUrl, int orders, double rate, boolean autoRegister,
      long run, Map<String, Object> registryClient) {
    public Settings(String bootstrapServers, String registryUrl, int orders, double rate, boolean autoRegister, long run) {
      this(bootstrapServers, registryUrl, orders, rate, autoRegister, run, Map.of());
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SampleProducer()).execute(args));
  }

  @Override
  public Integer call() {
    try (Endpoints endpoints = endpointOptions.resolve(System.out)) {
      if (endpoints.embeddedKafka()) {
        EmbeddedKafka.createTopics(endpoints.bootstrapServers(), 3, OrderEvents.TOPICS.toArray(String[]::new));
      }
      boolean register = autoRegister || endpoints.embeddedRegistry();
      if (register && !autoRegister) {
        System.out.println("the embedded registry starts empty: registering schemas from the generated classes");
      }
      Settings settings = new Settings(endpoints.bootstrapServers(), endpoints.registryUrl(), orders, rate, register,
          System.currentTimeMillis(), endpoints.registryClient());
      List<Sent> sent = publish(settings, quiet ? s -> { } : s -> System.out.println(s));
      System.out.println("producer: published " + sent.size() + " events for " + orders + " orders");
      return 0;
    } catch (ProducerFailure e) {
      System.err.println("producer: " + e.getMessage() + (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
          ? " Is Kafka reachable at " + endpointOptions.bootstrapServersOrEmbedded() + ", and do the topics "
              + OrderEvents.TOPICS + " exist there?" : ""));
      return 1;
    } catch (org.apache.kafka.common.KafkaException e) { // e.g. no broker answered within max.block.ms
      System.err.println("producer: Kafka at " + endpointOptions.bootstrapServersOrEmbedded() + " failed: " + e.getMessage()
          + "; check --bootstrap-servers");
      return 1;
    }
  }

  /** A publish that could not complete: nothing was lost silently, the message says what failed. */
  public static final class ProducerFailure extends RuntimeException {
    ProducerFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Producer settings: idempotent, acks=all, bounded in-flight so retries keep order. */
  public static Map<String, Object> producerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "sample-producer");
    return config;
  }

  /** Serializer settings under Confluent's keys. */
  public static Map<String, Object> serdeConfig(String registryUrl, boolean autoRegister) {
    return Map.of("schema.registry.url", registryUrl,
        "auto.register.schemas", autoRegister,
        "use.latest.version", !autoRegister,
        // generated Avro classes carry avro.java.string; the registered contract does not
        "avro.remove.java.properties", true);
  }

  /**
   * Publishes every order's events, in order per order, and waits for every acknowledgement.
   * Returns what was sent in acknowledgement order; throws if any send failed.
   */
  public static List<Sent> publish(Settings settings, Consumer<Sent> listener) {
    EventSerializer serializer = new EventSerializer();
    Map<String, Object> serde = new java.util.HashMap<>(serdeConfig(settings.registryUrl(), settings.autoRegister()));
    serde.putAll(settings.registryClient()); // TLS and credentials for a secured registry, under Confluent's names
    serializer.configure(serde, false);
    List<Sent> sent = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    AtomicReference<Exception> failure = new AtomicReference<>();
    int total = settings.orders() * OrderEvents.PER_ORDER;
    CountDownLatch acknowledged = new CountDownLatch(total);
    long nanosPerEvent = settings.rate() > 0 ? (long) (1e9 / settings.rate()) : 0;
    long start = System.nanoTime();
    int index = 0;
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(settings.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
    try {
      Instant now = Instant.now();
      orders:
      for (int n = 0; n < settings.orders(); n++) {
        for (OrderEvents.Event event : OrderEvents.of(settings.run(), n, now)) {
          if (failure.get() != null) {
            break orders; // stop at the first failed send: the rest would fail the same way
          }
          pace(start, nanosPerEvent, index++);
          byte[] value;
          try {
            value = serializer.serialize(event.topic(), event.value());
          } catch (SerializationException e) {
            throw new ProducerFailure("cannot serialize a " + event.value().getClass().getSimpleName() + " for topic "
                + event.topic() + ": " + e.getMessage(), e);
          }
          String eventId = UUID.randomUUID().toString();
          String type = event.value().getClass().getName();
          ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), value);
          record.headers().add(EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
          record.headers().add(EVENT_TYPE, type.getBytes(StandardCharsets.UTF_8));
          int schemaId = io.github.eventcontracts.serde.WireFrame.read(event.topic(), value, false).schemaId();
          producer.send(record, (metadata, error) -> {
            if (error != null) {
              failure.compareAndSet(null, error);
            } else {
              Sent s = new Sent(metadata.topic(), metadata.partition(), metadata.offset(), schemaId, event.key(),
                  eventId, type);
              sent.add(s);
              listener.accept(s);
            }
            acknowledged.countDown();
          });
        }
      }
      producer.flush(); // every send so far is acknowledged or failed after this
      if (failure.get() == null && !acknowledged.await(5, TimeUnit.MINUTES)) {
        throw new ProducerFailure("timed out waiting for acknowledgements", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProducerFailure("interrupted", e);
    } finally {
      producer.close(Duration.ofSeconds(30)); // bounded: an unreachable cluster must not hang the exit
    }
    if (failure.get() != null) {
      throw new ProducerFailure("a send failed after the producer's retries: " + failure.get(), failure.get());
    }
    return List.copyOf(sent);
  }

  private static void pace(long start, long nanosPerEvent, int index) {
    if (nanosPerEvent == 0) {
      return;
    }
    long due = start + nanosPerEvent * index;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

}
