package io.github.eventcontracts.registry.server;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Answers already given, by the exact request (method, raw path and query, body), valid only while
 * the registry's state is the one they were computed from. Most traffic a registry sees repeats
 * itself — serializers looking up ids, producers re-registering the schema they were built with on
 * every start — so a repeated read or idempotent re-register costs a hash lookup, not a parse and a
 * render.
 *
 * <p>Only routes whose answer is a function of the state and the request alone are memoized (never
 * a list filtered by who asks; authorization still runs first). The state's generation moves after
 * every applied change, live or replayed from the store; an entry computed at another generation is
 * never answered, and the generation is read before the answer is computed, so an answer that raced
 * a change is retired with it. The map is emptied when the generation moves and when it holds more
 * than its byte budget, so neither stale entries nor a scan over many keys grow it without bound.
 */
final class AnswerMemo {
  /** What one request was answered with, at one generation of the state. */
  record Entry(long generation, RegistryHttpServer.Answer answer, boolean write) {}

  /** The request as sent: bodies compared by content. */
  static final class Key {
    private final String target;
    private final byte[] body;
    private final int hash;

    Key(String method, String path, String query, byte[] body) {
      this.target = query == null ? method + ' ' + path : method + ' ' + path + '?' + query;
      this.body = body;
      this.hash = 31 * target.hashCode() + Arrays.hashCode(body);
    }

    int bytes() {
      return 2 * target.length() + body.length + 64;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && hash == key.hash && target.equals(key.target) && Arrays.equals(body, key.body);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** A request body larger than this is answered normally: re-registers of huge schemas are rare. */
  static final int MAX_BODY = 64 * 1024;

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final long budget;
  private volatile long generation = -1;

  AnswerMemo(long budgetBytes) {
    this.budget = budgetBytes;
  }

  /** The answer given to this request at {@code generation}, or null. */
  Entry get(Key key, long generation) {
    Entry entry = entries.get(key);
    return entry != null && entry.generation() == generation ? entry : null;
  }

  /**
   * The memoized answer, or {@code compute}'s (then kept) when there is none for this generation.
   *
   * @param generation the state's generation read before anything of the state was
   */
  RegistryHttpServer.Answer answer(Key key, long generation, boolean write, Supplier<RegistryHttpServer.Answer> compute) {
    Entry known = get(key, generation);
    if (known != null) {
      return known.answer();
    }
    RegistryHttpServer.Answer answer = compute.get();
    if (key.body.length <= MAX_BODY) {
      if (generation != this.generation) { // every entry held is of an older state
        this.generation = generation;
        clear();
      }
      long size = bytes.addAndGet(key.bytes() + answer.body().length);
      if (size > budget) {
        clear();
        bytes.addAndGet(key.bytes() + answer.body().length);
      }
      entries.put(key, new Entry(generation, answer, write));
    }
    return answer;
  }

  private void clear() {
    entries.clear();
    bytes.set(0);
  }

  int size() {
    return entries.size();
  }
}
