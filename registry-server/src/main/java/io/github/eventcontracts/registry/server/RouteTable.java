package io.github.eventcontracts.registry.server;

import io.github.eventcontracts.registry.client.ErrorCodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Confluent's REST API as one table: each route's method, path pattern, whether it writes, what it
 * touches and what answers it. Routing, forwarding to the leader (writes only) and authorization
 * all read it, so "what is a write" and "whose permission" are said once, beside the endpoint.
 */
final class RouteTable<A> {
  /** READ: any instance answers. WRITE: changes state; on Kafka a follower forwards it to the leader. */
  enum Access { READ, WRITE }

  /**
   * What a route reads or writes, for permissions in Karapace's terms: {@code Subject:<subject>}
   * (the route's {@code {subject}}), {@code Config:} (the global configuration and mode), the
   * subjects that use a schema id (readable when one of them is), a list the handler filters to
   * what the caller may read, or nothing but being known.
   */
  enum Resource { NONE, CONFIG, SUBJECT, SUBJECTS_OF_ID, FILTERED }

  /** What answers a route. */
  @FunctionalInterface
  interface Handler<A> {
    A handle(Call call);
  }

  /** A matched request as a handler sees it: the route's path parameters, the query and the body. */
  interface Call {
    /** A path parameter ({@code {subject}} in the pattern), decoded. */
    String param(String name);

    String query(String name);

    /** Every value of a query parameter given more than once, in order; empty when absent. */
    List<String> queryAll(String name);

    boolean flag(String name);

    byte[] body();

    /** Whether the caller may read the subject (lists show only those). */
    boolean mayRead(String subject);

    /** Whether the caller may read every subject: a list needs no filtering. */
    boolean seesEverything();
  }

  /**
   * One endpoint.
   *
   * @param pattern e.g. {@code /subjects/{subject}/versions/{version}}; {@code {name}} matches one
   *     path segment (possibly empty), anything else itself
   * @param fromState whether the answer is a function of the registry's state and the request alone
   *     (not of who asks, nor of leadership): such answers may be given again from an {@link AnswerMemo}
   */
  record Route<A>(String method, String pattern, Access access, Resource resource, boolean fromState,
      Handler<A> handler) {
    List<String> segments() {
      List<String> out = new ArrayList<>();
      for (String segment : pattern.split("/")) {
        if (!segment.isEmpty()) {
          out.add(segment);
        }
      }
      return out;
    }
  }

  /** A route's pattern split once: each segment a literal, or a parameter's name. */
  private record Compiled<A>(Route<A> route, String[] literals, String[] parameters) {
    static <A> Compiled<A> of(Route<A> route) {
      List<String> segments = route.segments();
      String[] literals = new String[segments.size()];
      String[] parameters = new String[segments.size()];
      for (int i = 0; i < segments.size(); i++) {
        String segment = segments.get(i);
        if (segment.startsWith("{") && segment.endsWith("}")) {
          parameters[i] = segment.substring(1, segment.length() - 1);
        } else {
          literals[i] = segment;
        }
      }
      return new Compiled<>(route, literals, parameters);
    }

    /** The path parameters, or null when {@code path} is not this route's. */
    Map<String, String> match(List<String> path) {
      if (literals.length != path.size()) {
        return null;
      }
      for (int i = 0; i < literals.length; i++) {
        if (literals[i] != null && !literals[i].equals(path.get(i))) {
          return null;
        }
      }
      Map<String, String> params = new HashMap<>(4);
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] != null) {
          params.put(parameters[i], path.get(i));
        }
      }
      return params;
    }
  }

  /** A route and the parameters it matched. */
  record Match<A>(Route<A> route, Map<String, String> params) {}

  private final List<Compiled<A>> routes;

  RouteTable(List<Route<A>> routes) {
    this.routes = routes.stream().map(Compiled::of).toList();
  }

  /**
   * The route for a request: 404 when no route has the path, 405 (as Confluent's Jersey answers) when
   * routes have it with other methods.
   */
  Match<A> find(String method, List<String> path) {
    boolean pathKnown = false;
    for (Compiled<A> compiled : routes) {
      Map<String, String> params = compiled.match(path);
      if (params != null) {
        if (compiled.route().method().equals(method)) {
          return new Match<>(compiled.route(), params);
        }
        pathKnown = true;
      }
    }
    if (pathKnown) {
      throw new RegistryError(405, ErrorCodes.METHOD_NOT_ALLOWED, "HTTP 405 Method Not Allowed");
    }
    throw RegistryError.notFound(null);
  }
}
