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
  }

  /**
   * One endpoint.
   *
   * @param pattern e.g. {@code /subjects/{subject}/versions/{version}}; {@code {name}} matches one
   *     path segment (possibly empty), anything else itself
   */
  record Route<A>(String method, String pattern, Access access, Resource resource, Handler<A> handler) {
    List<String> segments() {
      List<String> out = new ArrayList<>();
      for (String segment : pattern.split("/")) {
        if (!segment.isEmpty()) {
          out.add(segment);
        }
      }
      return out;
    }

    /** The path parameters, or null when {@code path} is not this route's. */
    Map<String, String> match(List<String> path) {
      List<String> segments = segments();
      if (segments.size() != path.size()) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < segments.size(); i++) {
        String segment = segments.get(i);
        if (segment.startsWith("{") && segment.endsWith("}")) {
          params.put(segment.substring(1, segment.length() - 1), path.get(i));
        } else if (!segment.equals(path.get(i))) {
          return null;
        }
      }
      return params;
    }
  }

  /** A route and the parameters it matched. */
  record Match<A>(Route<A> route, Map<String, String> params) {}

  private final List<Route<A>> routes;

  RouteTable(List<Route<A>> routes) {
    this.routes = List.copyOf(routes);
  }

  /**
   * The route for a request: 404 when no route has the path, 405 (as Confluent's Jersey answers) when
   * routes have it with other methods.
   */
  Match<A> find(String method, List<String> path) {
    boolean pathKnown = false;
    for (Route<A> route : routes) {
      Map<String, String> params = route.match(path);
      if (params != null) {
        if (route.method().equals(method)) {
          return new Match<>(route, params);
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
