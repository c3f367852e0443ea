package io.github.eventcontracts.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * The outbox route a team would take instead of ours, as the benchmark's anchor: Kafka Connect
 * (a standalone worker and herder, in this process like our relays, without the REST server: its
 * Jetty 12.0 clashes with the registry's 12.1 on this classpath, and nothing here calls it) running Debezium's PostgreSQL connector with
 * Debezium's own outbox transform, {@code io.debezium.transforms.outbox.EventRouter}, configured for
 * our table — the event id, key, payload and topic from its columns, the frame passed through as
 * bytes, the headers column carried as one header.
 */
final class EventRouterConnect implements AutoCloseable {
  private final StandaloneHerder herder;

  private EventRouterConnect(StandaloneHerder herder) {
    this.herder = herder;
  }

  static EventRouterConnect start(String bootstrapServers, int postgresPort, String database, String slot, Path offsets)
      throws Exception {
    Map<String, String> worker = new HashMap<>();
    worker.put("bootstrap.servers", bootstrapServers);
    worker.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    worker.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    worker.put("offset.storage.file.filename", offsets.toString());
    worker.put("offset.flush.interval.ms", "1000");
    worker.put("plugin.discovery", "only_scan"); // the connector and transform are on the classpath, not in a plugin.path
    worker.put("producer.linger.ms", "5"); // as our relays' producer in this benchmark
    Plugins plugins = new Plugins(worker);
    StandaloneConfig config = new StandaloneConfig(worker);
    JsonConverter offsetConverter = new JsonConverter();
    offsetConverter.configure(Map.of("schemas.enable", "false"), true);
    FileOffsetBackingStore offsetStore = new FileOffsetBackingStore(offsetConverter);
    offsetStore.configure(config);
    AllConnectorClientConfigOverridePolicy policy = new AllConnectorClientConfigOverridePolicy();
    StandaloneHerder herder = new StandaloneHerder(new Worker("bench-eventrouter", Time.SYSTEM, plugins, config,
        offsetStore, policy), config.kafkaClusterId(), policy);
    herder.start();

    String name = "outbox-eventrouter-" + slot;
    Map<String, String> connector = new HashMap<>();
    connector.put("name", name); // the REST API would add it from the request
    connector.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    connector.put("tasks.max", "1");
    connector.put("database.hostname", "localhost");
    connector.put("database.port", String.valueOf(postgresPort));
    connector.put("database.user", "postgres");
    connector.put("database.password", "postgres");
    connector.put("database.dbname", database);
    connector.put("topic.prefix", "outbox");
    connector.put("plugin.name", "pgoutput");
    connector.put("slot.name", slot);
    connector.put("publication.name", slot);
    connector.put("publication.autocreate.mode", "filtered");
    connector.put("table.include.list", "public.outbox");
    connector.put("binary.handling.mode", "bytes");
    connector.put("tombstones.on.delete", "false");
    connector.put("poll.interval.ms", "10"); // as WalRelay: Debezium's 500 ms default would be the latency
    connector.put("transforms", "outbox");
    connector.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
    connector.put("transforms.outbox.table.field.event.id", "event_id");
    connector.put("transforms.outbox.table.field.event.key", "aggregate_id");
    connector.put("transforms.outbox.table.field.event.payload", "payload");
    connector.put("transforms.outbox.route.by.field", "topic");
    connector.put("transforms.outbox.route.topic.replacement", "${routedByValue}");
    connector.put("transforms.outbox.table.fields.additional.placement", "headers:header:outbox-headers");
    FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
    herder.putConnectorConfig(name, connector, true, created);
    created.get(1, TimeUnit.MINUTES);
    return new EventRouterConnect(herder);
  }

  @Override
  public void close() {
    herder.stop();
  }
}
