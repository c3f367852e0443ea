package io.github.eventcontracts.sample.consumer;

import io.github.eventcontracts.sample.support.EndpointOptions;
import io.github.eventcontracts.sample.support.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Consumes the order topics into the generated event types and prints each event with the schema id
 * read from its frame. Manual commits after processing, idempotent by event id (with
 * {@code --processed-log}, across restarts too), exponential backoff for transient failures, and
 * {@code <topic>.dlq} for poison pills.
 */
@Command(name = "sample-consumer", mixinStandardHelpOptions = true,
    description = "Consumes typed order events from Confluent wire-format frames.")
public final class SampleConsumer implements Callable<Integer> {
  @Mixin
  EndpointOptions endpointOptions;

  @Option(names = "--group", defaultValue = "sample-consumer", description = "Consumer group (${DEFAULT-VALUE})")
  String group;

  @Option(names = "--topics", split = ",", defaultValue = "order-created,order-shipped",
      description = "Topics (${DEFAULT-VALUE}); each needs a contract in the event-model jar")
  List<String> topics;

  @Option(names = "--expect", defaultValue = "0",
      description = "Stop once this many distinct events are handled or dead-lettered; 0: run until stopped")
  long expect;

  @Option(names = "--idle-timeout", defaultValue = "0", description = "Stop after this many seconds without records; 0: never")
  long idleSeconds;

  @Option(names = "--processed-log", description = "File remembering handled event ids across restarts")
  Path processedLog;

  @Option(names = "--retries", defaultValue = "5", description = "Attempts for a transiently failing event (${DEFAULT-VALUE})")
  int attempts;

  @Option(names = "--backoff-ms", defaultValue = "100", description = "First retry pause, doubled per attempt (${DEFAULT-VALUE})")
  long backoffMillis;

  @Option(names = "--max-poll-records", defaultValue = "500", description = "Records per poll, the uncommitted window")
  int maxPollRecords;

  @Option(names = "--work-ms", defaultValue = "0", description = "Simulated work per event, in milliseconds")
  long workMillis;

  @Option(names = "--session-timeout-ms", defaultValue = "45000",
      description = "How long a crashed consumer keeps its partitions before the group moves them (${DEFAULT-VALUE})")
  int sessionTimeoutMillis;

  @Option(names = "--quiet", description = "Do not print a line per event")
  boolean quiet;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SampleConsumer()).execute(args));
  }

  @Override
  public Integer call() {
    try (Endpoints endpoints = endpointOptions.resolve(System.out);
        ProcessedLog processed = processedLog == null ? ProcessedLog.inMemory() : ProcessedLog.open(processedLog)) {
      DeadLetters.createTopics(endpoints.bootstrapServers(), topics);
      ConsumerLoop.Settings settings = new ConsumerLoop.Settings(endpoints.bootstrapServers(), endpoints.registryUrl(),
          group, topics, new RetryPolicy(attempts, Duration.ofMillis(backoffMillis), Duration.ofSeconds(10)),
          maxPollRecords, !quiet, Duration.ofMillis(sessionTimeoutMillis), endpoints.registryClient());
      EventHandler handler = event -> {
        if (workMillis > 0) {
          Thread.sleep(workMillis);
        }
      };
      try (ConsumerLoop loop = new ConsumerLoop(settings, handler, processed, System.out)) {
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
          loop.wakeup();
          try {
            main.join(10_000);
          } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
          }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        long[] lastProgress = {System.nanoTime(), processed.size()};
        ConsumerLoop.Stats stats = loop.run(() -> {
          if (processed.size() != lastProgress[1]) {
            lastProgress[0] = System.nanoTime();
            lastProgress[1] = processed.size();
          }
          return expect > 0 && processed.size() >= expect
              || idleSeconds > 0 && System.nanoTime() - lastProgress[0] > Duration.ofSeconds(idleSeconds).toNanos();
        });
        System.out.println("consumer: handled " + stats.handled() + ", dropped " + stats.duplicates()
            + " duplicates, dead-lettered " + stats.deadLettered() + ", retried " + stats.retries() + " times");
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it only waits for us
        }
      }
      return 0;
    } catch (RuntimeException e) {
      System.err.println("consumer: " + e.getMessage());
      return 1;
    }
  }
}
