package io.github.eventcontracts.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/** What every CDC relay keeps the same way: its count of acknowledged events, and why it stopped. */
abstract class AbstractCdcRelay implements CdcRelay {
  final AtomicLong relayed = new AtomicLong();
  /** Completed once: with the failure that stopped the relay, or with null when it was closed. */
  final CompletableFuture<Throwable> stopped = new CompletableFuture<>();

  @Override
  public long relayed() {
    return relayed.get();
  }

  @Override
  public Throwable awaitFailure() throws InterruptedException {
    try {
      return stopped.get();
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
