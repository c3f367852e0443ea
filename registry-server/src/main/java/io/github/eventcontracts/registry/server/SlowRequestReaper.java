package io.github.eventcontracts.registry.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Request;

/**
 * Closes connections that trickle a request: bytes of a new request have arrived, but the whole
 * request (headers and body) has not within the request timeout. Jetty's idle timeout ends
 * connections that send nothing; this ends the slow-loris ones that send a byte now and then,
 * and bodies shorter than their Content-Length. A connection whose request is being answered is
 * never touched, and an idle keep-alive connection is left to the idle timeout.
 */
final class SlowRequestReaper implements Connection.Listener, AutoCloseable {
  private final long timeoutNanos;
  private final Map<Connection, State> connections = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "registry-slow-request-reaper");
    t.setDaemon(true);
    return t;
  });

  /** When the connection last finished a request (or opened), and how many bytes it had read then. */
  private static final class State {
    volatile long since = System.nanoTime();
    volatile long bytesInThen;
    volatile boolean busy;
  }

  SlowRequestReaper(Duration requestTimeout) {
    this.timeoutNanos = requestTimeout.toNanos();
    long period = Math.max(50, Math.min(1000, requestTimeout.toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    connections.put(connection, new State());
  }

  @Override
  public void onClosed(Connection connection) {
    connections.remove(connection);
  }

  /** Marks the request's connection as answering (not to be reaped) or done (a new request may start). */
  void busy(Request request, boolean busy) {
    State state = connections.get(request.getConnectionMetaData().getConnection());
    if (state == null) {
      return;
    }
    state.busy = busy;
    if (!busy) {
      state.bytesInThen = request.getConnectionMetaData().getConnection().getBytesIn();
      state.since = System.nanoTime();
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    connections.forEach((connection, state) -> {
      if (!state.busy && connection.getBytesIn() > state.bytesInThen && now - state.since > timeoutNanos) {
        connection.getEndPoint().close();
      }
    });
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
