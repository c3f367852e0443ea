package io.github.eventcontracts.demo;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.SubjectVersion;
import io.github.eventcontracts.sample.consumer.ConsumerLoop;
import io.github.eventcontracts.sample.consumer.DeadLetters;
import io.github.eventcontracts.sample.consumer.ProcessedLog;
import io.github.eventcontracts.sample.consumer.RetryPolicy;
import io.github.eventcontracts.sample.producer.OrderEvents;
import io.github.eventcontracts.sample.producer.SampleProducer;
import io.github.eventcontracts.sample.support.EndpointOptions;
import io.github.eventcontracts.sample.support.Endpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The whole story on one machine: an embedded schema registry and an embedded single-node Kafka,
 * the Maven plugin over {@code schemas/} (validate, check, register), the sample producer publishing
 * typed events, one poison pill, and the sample consumer reading everything back (the pill to the
 * dead-letter topic). The last line is for machines:
 * {@code demo: registered S subjects, produced N, consumed N, dead-lettered K}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Runs the event-contracts demo end to end.")
public final class Demo implements Callable<Integer> {
  @Option(names = "--project-dir", required = true, description = "The repository root (where mvnw is)")
  Path projectDir;

  @Option(names = "--orders", defaultValue = "5", description = "Orders to publish; 4 events each (${DEFAULT-VALUE})")
  int orders;

  @Option(names = "--maven-repo-local", description = "Local repository for the child Maven that runs the plugin")
  Path mavenRepoLocal;

  @Option(names = "--maven-offline", defaultValue = "false", description = "Run the child Maven offline")
  boolean mavenOffline;

  @Mixin
  EndpointOptions endpointOptions;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Demo()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (Endpoints endpoints = endpointOptions.resolve(System.out)) {
      int subjects = runPlugin(endpoints.registryUrl());
      if (subjects < 0) {
        return 1;
      }
      DeadLetters.createTopics(endpoints.bootstrapServers(), OrderEvents.TOPICS);

      System.out.println("== producing the life of " + orders + " orders (1 OrderCreated + 3 OrderShipped each)");
      List<SampleProducer.Sent> sent = SampleProducer.publish(new SampleProducer.Settings(endpoints.bootstrapServers(),
          endpoints.registryUrl(), orders, 0, false, System.currentTimeMillis()), s -> System.out.println("  " + s));
      System.out.println("== one poison pill: a frame naming schema id 9999, which the registry does not have");
      sendRaw(endpoints.bootstrapServers(), OrderEvents.ORDER_CREATED, "poison",
          ByteBuffer.allocate(9).put((byte) 0).putInt(9999).putInt(0x0a02_6869).array());

      System.out.println("== consuming");
      ConsumerLoop.Settings settings = new ConsumerLoop.Settings(endpoints.bootstrapServers(), endpoints.registryUrl(),
          "demo-" + System.currentTimeMillis(), OrderEvents.TOPICS,
          new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1)), 500, true);
      ConsumerLoop.Stats stats;
      long expected = sent.size() + 1L;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      try (ProcessedLog processed = ProcessedLog.inMemory();
          ConsumerLoop loop = new ConsumerLoop(settings, event -> { }, processed, new Indented(System.out))) {
        stats = loop.run(() -> processed.size() >= expected || System.nanoTime() > deadline);
      }
      System.out.println("== the data contract: an order with a total of 0 breaks its rule " + RuleDemo.RULE
          + " (schemas/avro/order-created.ruleset.json)");
      RuleDemo.Result rule = RuleDemo.run(endpoints.bootstrapServers(), endpoints.registryUrl(), OrderEvents.ORDER_CREATED);
      System.out.println("  " + rule.reason());
      System.out.println("== the transactional outbox: orders and their events in one PostgreSQL transaction, "
          + "every tenth rolled back, relayed by change data capture (Debezium)");
      OutboxDemo.Result outbox = OutboxDemo.run(endpoints.bootstrapServers(), endpoints.registryUrl(), orders * 4);
      System.out.println("== shutting down the embedded Kafka and registry");
      endpoints.close();
      System.out.println("rule: " + RuleDemo.RULE + " refused " + rule.refused() + " order, dead-lettered "
          + rule.deadLettered() + " to " + RuleDemo.DEAD_LETTERS);
      System.out.println("outbox: committed " + outbox.committed() + " orders, rolled back " + outbox.rolledBack()
          + ", relayed " + outbox.relayed() + " events, consumed " + outbox.consumed());
      System.out.println("demo: registered " + subjects + " subjects, produced " + sent.size() + ", consumed "
          + stats.handled() + ", dead-lettered " + stats.deadLettered());
      return stats.handled() == sent.size() && stats.deadLettered() == 1 && rule.refused() == 1
          && rule.deadLettered() == 1 && outbox.consumed() == outbox.committed()
          && outbox.relayed() == outbox.committed() ? 0 : 1;
    }
  }

  /** Runs validate, check and register in generated-events (whose pom configures the plugin); returns the subject count. */
  private int runPlugin(String url) throws IOException, InterruptedException {
    System.out.println("== schema-maven-plugin over schemas/: validate, check, register against " + url);
    boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
    Path wrapper = projectDir.resolve(windows ? "mvnw.cmd" : "mvnw");
    List<String> command = new ArrayList<>(List.of(wrapper.toString(), "-B", "--no-transfer-progress", "-pl",
        "generated-events", "schema:validate", "schema:check", "schema:register", "-Dschema.registryUrl=" + url,
        "-Dschema.incremental=false")); // validate for real, though the build just did
    if (mavenRepoLocal != null) {
      command.add("-Dmaven.repo.local=" + mavenRepoLocal);
    }
    if (mavenOffline) {
      command.add("--offline");
    }
    Process process = new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true).start();
    List<String> output = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.add(line);
        String text = line.replaceFirst("^\\[INFO\\] ", "");
        if (text.startsWith("Validated") || text.startsWith("Checking") || text.startsWith("All ")
            || text.startsWith("Contracts") || text.startsWith("NEW") || text.startsWith("UNCHANGED")
            || text.matches("\\d+ subject\\(s\\): .*") || text.startsWith("[WARNING] ") && !text.contains("--")) {
          System.out.println("  plugin: " + text);
        }
      }
    }
    if (process.waitFor() != 0) {
      System.out.println("the plugin failed; its output:");
      output.forEach(System.out::println);
      return -1;
    }
    RegistryClient client = RegistryClient.of(url);
    List<String> subjects = client.subjects();
    for (String subject : subjects) {
      SubjectVersion latest = client.latest(subject);
      System.out.println("  registered " + subject + " version " + latest.version() + " id " + latest.id());
    }
    return subjects.size();
  }

  /** Publishes bytes as they are (no serializer): how poison pills get onto a topic. */
  static void sendRaw(String bootstrapServers, String topic, String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(SampleProducer.producerConfig(bootstrapServers),
        new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("cannot send raw bytes to " + topic + ": " + e.getMessage(), e);
    }
  }

  /** Indents the consumer's lines under the "consuming" heading. */
  private static final class Indented extends java.io.PrintStream {
    Indented(java.io.PrintStream out) {
      super(out, true, StandardCharsets.UTF_8);
    }

    @Override
    public void println(String line) {
      super.println("  " + line);
    }

    @Override
    public void println(Object line) {
      println(String.valueOf(line));
    }
  }

}
