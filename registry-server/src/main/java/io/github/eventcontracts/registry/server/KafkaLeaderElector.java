package io.github.eventcontracts.registry.server;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One leader among the registry instances on a topic, elected by Kafka's consumer group protocol:
 * every instance joins the group {@code schema-registry-<topic>} subscribed to the one-partition
 * topic, and the member the group assigns that partition to leads. Members name their advertised URL
 * as client id, so followers find the leader to forward writes to.
 *
 * <p>A leader that stops heartbeating loses the partition after the session timeout (6 s, the
 * broker's default minimum). A killed leader is noticed sooner: members are static (their
 * {@code group.instance.id} is their URL and a per-process suffix), and followers look at the
 * leader's port four times a second; when it refuses connections, the process is gone, and a
 * follower removes that member from the group, which rebalances at once. A leader that is alive
 * but unreachable is left to the session timeout; static members leave the group explicitly when
 * they close.
 *
 * <p>Leadership alone does not stop a deposed leader's in-flight write: {@link KafkaStore} fences
 * that with a transactional producer whose epoch the new leader bumps when it takes over.
 */
final class KafkaLeaderElector implements AutoCloseable {
  /** Told when this instance gains or loses leadership, on the elector's thread. */
  interface Listener {
    void elected();

    void deposed();
  }

  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6); // the broker's default minimum
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  private final KafkaStore.Options options;
  private final String advertisedUrl;
  private final String group;
  private final Properties consumerProps;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final Thread watch;
  private final Admin admin;
  private volatile boolean leader;
  private volatile boolean closed;
  private volatile String knownLeader;
  private volatile long knownLeaderAt;
  /** Rebalances completed so far; forwarders wait on it for the group's next answer. */
  private long rebalances;

  KafkaLeaderElector(KafkaStore.Options options, String advertisedUrl, Listener listener, Consumer<String> warn) {
    this.options = options;
    this.advertisedUrl = advertisedUrl;
    this.group = options.group();
    Properties props = options.clientProperties(Map.of());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, advertisedUrl);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) HEARTBEAT_INTERVAL.toMillis());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a member joining or leaving does not take the partition from a leader that stays
    props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
    this.consumerProps = props;
    this.consumer = newMember();
    this.admin = Admin.create(options.clientProperties(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        options.bootstrapServers())));
    this.thread = new Thread(() -> run(listener, warn), "registry-leader-election");
    thread.setDaemon(true);
    this.watch = new Thread(() -> watchLeader(warn), "registry-leader-watch");
    watch.setDaemon(true);
    watch.start();
    thread.start();
  }

  /** A static member: its own instance id, so a follower can remove it from the group when it dies. */
  private KafkaConsumer<byte[], byte[]> newMember() {
    Properties props = new Properties();
    props.putAll(consumerProps);
    // Kafka takes letters, digits, '.', '_' and '-' there; the URL itself stays the client id
    props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, advertisedUrl.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
        + java.util.UUID.randomUUID().toString().substring(0, 8));
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private void run(Listener listener, Consumer<String> warn) {
    while (!closed) {
      KafkaConsumer<byte[], byte[]> member = consumer;
      try {
        member.subscribe(List.of(options.topic()), new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            member.pause(partitions); // the group is only for the election; the store reads the topic
            if (!partitions.isEmpty() && !leader) {
              try {
                listener.elected();
                leader = true;
                knownLeader = advertisedUrl;
                knownLeaderAt = System.nanoTime();
              } catch (RuntimeException e) {
                warn.accept("could not take over as leader: " + e.getMessage());
              }
            }
            rebalanced(); // classic protocol: every member hears of every completed rebalance here
          }

          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            stepDown(partitions, listener);
          }

          @Override
          public void onPartitionsLost(Collection<TopicPartition> partitions) {
            stepDown(partitions, listener);
          }
        });
        while (!closed) {
          member.poll(Duration.ofMillis(500)); // heartbeats; fetches nothing, the partition is paused
        }
      } catch (WakeupException e) {
        // closing
      } catch (org.apache.kafka.common.errors.FencedInstanceIdException e) {
        // another member removed this one (it looked gone): join again as a new member
        warn.accept("removed from the leader election by another instance; joining again");
        consumer = newMember();
      } catch (RuntimeException e) {
        warn.accept("left the leader election: " + e);
        return;
      } finally {
        if (leader) {
          leader = false;
          listener.deposed();
        }
        // on the thread that uses it (KafkaConsumer is single-threaded); a static member leaves explicitly
        member.close(org.apache.kafka.clients.consumer.CloseOptions.groupMembershipOperation(
            org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(Duration.ofSeconds(5)));
      }
    }
  }

  /**
   * Followers' watch on the leader: a leader whose port refuses connections is a process that is
   * gone (the kernel closed its socket), so its member is removed from the group rather than
   * waiting out its session. Any other failure to connect (a slow or unreachable host) is left to
   * the session timeout: only Kafka decides that a live leader lost its place.
   */
  private void watchLeader(Consumer<String> warn) {
    while (!closed) {
      try {
        if (!leader) {
          ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
              .get(5, TimeUnit.SECONDS).get(group);
          for (MemberDescription member : description.members()) {
            if (!member.assignment().topicPartitions().isEmpty() && member.groupInstanceId().isPresent()
                && !member.clientId().equals(advertisedUrl) && refusesConnections(member.clientId())) {
              admin.removeMembersFromConsumerGroup(group, new org.apache.kafka.clients.admin
                  .RemoveMembersFromConsumerGroupOptions(List.of(new org.apache.kafka.clients.admin.MemberToRemove(
                      member.groupInstanceId().get())))).all().get(5, TimeUnit.SECONDS);
              warn.accept("the leader " + member.clientId() + " refuses connections (gone); removed it from the "
                  + "election");
            }
          }
        }
        synchronized (this) {
          if (!closed) {
            wait(250); // the watch's period, not a synchronisation: close() wakes it
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // the group is rebalancing or Kafka is away: look again next time
        synchronized (this) {
          try {
            if (!closed) {
              wait(250);
            }
          } catch (InterruptedException interrupted) {
            return;
          }
        }
      }
    }
  }

  /** Whether nothing listens at the URL's port any more (connection refused), checked within half a second. */
  private static boolean refusesConnections(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(uri.getHost(), port), 500);
      }
      return false;
    } catch (java.net.ConnectException e) {
      return true;
    } catch (java.io.IOException | IllegalArgumentException e) {
      return false; // a timeout or a name that does not resolve says nothing certain
    }
  }

  private void stepDown(Collection<TopicPartition> partitions, Listener listener) {
    if (!partitions.isEmpty() && leader) {
      leader = false;
      knownLeader = null;
      listener.deposed();
    }
  }

  boolean isLeader() {
    return leader;
  }

  private synchronized void rebalanced() {
    rebalances++;
    knownLeader = leader ? advertisedUrl : null; // the group changed: ask it again
    notifyAll();
  }

  /** How many rebalances this member has seen complete; pass it to {@link #awaitRebalanceAfter}. */
  synchronized long rebalances() {
    return rebalances;
  }

  /**
   * Waits until a rebalance after the {@code seen}-th completes, or {@code maxNanos} pass: an
   * election ends with a rebalance, so that is the moment to look for the new leader again.
   */
  synchronized void awaitRebalanceAfter(long seen, long maxNanos) throws InterruptedException {
    long deadline = System.nanoTime() + maxNanos;
    while (rebalances == seen && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  String advertisedUrl() {
    return advertisedUrl;
  }

  /** The leader's URL as the group assigns it now (cached for a second), or empty while there is none. */
  Optional<String> leaderUrl() {
    if (leader) {
      return Optional.of(advertisedUrl);
    }
    if (knownLeader != null && System.nanoTime() - knownLeaderAt < TimeUnit.SECONDS.toNanos(1)) {
      return Optional.of(knownLeader);
    }
    try {
      ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
          .get(10, TimeUnit.SECONDS).get(group);
      for (MemberDescription member : description.members()) {
        if (!member.assignment().topicPartitions().isEmpty()) {
          knownLeader = member.clientId();
          knownLeaderAt = System.nanoTime();
          return Optional.of(knownLeader);
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    knownLeader = null;
    return Optional.empty();
  }

  /** Forget the cached leader: a forward to it just failed. */
  void forgetLeader() {
    knownLeader = null;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (this) {
      notifyAll();
    }
    consumer.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      watch.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    admin.close(Duration.ofSeconds(5));
  }
}
