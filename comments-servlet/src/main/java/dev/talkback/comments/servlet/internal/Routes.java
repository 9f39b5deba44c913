package dev.talkback.comments.servlet.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The route table: path patterns, each with the methods it answers. A pattern is a path whose segments are
 * literals, {@code {}} (one segment, handed to the endpoint) or a final {@code **} (the rest of the path, at
 * least one segment). A known path asked with another method is answered 405 with an {@code Allow} header
 * listing the methods it takes; {@code HEAD} is answered wherever {@code GET} is, and {@code OPTIONS} (CORS
 * preflight) everywhere. A trailing slash is ignored. A path is first looked up whole among the patterns
 * without variables (no splitting, no allocation), then matched segment by segment. Immutable once built;
 * threadsafe.
 */
final class Routes {
  private static final List<String> METHOD_ORDER = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");

  /** What answers one method on one route. */
  @FunctionalInterface
  interface Endpoint {
    /**
     * Answers the request.
     *
     * @param caller the request and who sent it
     * @param vars the path segments matched by {@code {}} and {@code **}, in order
     * @return the response
     */
    Response handle(Caller caller, List<String> vars);
  }

  private record Route(String text, List<String> pattern, Map<String, Endpoint> methods) {}

  private final List<Route> routes;
  /**
   * The routes without variables, by their pattern: a path is looked up as a whole, without splitting it
   * into segments. Only those no earlier pattern with variables could take, so the order still holds.
   */
  private final Map<String, Route> literal;

  private Routes(List<Route> routes) {
    this.routes = List.copyOf(routes);
    Map<String, Route> m = new java.util.HashMap<>();
    for (int i = 0; i < routes.size(); i++) {
      Route r = routes.get(i);
      if (r.pattern().stream().anyMatch(Routes::variable) || r.text().endsWith("/")) {
        continue;
      }
      boolean shadowed = false;
      for (int j = 0; j < i; j++) {
        shadowed |= match(routes.get(j).pattern(), r.pattern()) != null;
      }
      if (!shadowed) {
        m.put(r.text(), r);
      }
    }
    this.literal = Map.copyOf(m);
  }

  private static boolean variable(String segment) {
    return segment.equals("**") || (segment.startsWith("{") && segment.endsWith("}"));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects routes; patterns are matched in the order they were first added. */
  static final class Builder {
    private final Map<String, Map<String, Endpoint>> byPattern = new LinkedHashMap<>();

    /** Adds {@code method} on {@code pattern}. */
    Builder on(String method, String pattern, Endpoint endpoint) {
      Map<String, Endpoint> m = byPattern.computeIfAbsent(pattern, p -> new LinkedHashMap<>());
      if (m.put(method, endpoint) != null) {
        throw new IllegalArgumentException("two endpoints for " + method + " " + pattern);
      }
      return this;
    }

    Routes build() {
      List<Route> rs = new ArrayList<>();
      byPattern.forEach((p, m) -> rs.add(new Route(p, segments(p), Map.copyOf(m))));
      return new Routes(rs);
    }
  }

  /** The pattern of the route that takes {@code path} (whatever the method), or null. */
  @Nullable String pattern(String path) {
    String p = trimmed(path);
    Route exact = literal.get(p);
    if (exact != null) {
      return exact.text();
    }
    List<String> segments = segments(p);
    for (Route r : routes) {
      if (match(r.pattern(), segments) != null) {
        return r.text();
      }
    }
    return null;
  }

  /** Every pattern with its methods, in matching order. */
  Map<String, Set<String>> table() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    for (Route r : routes) {
      m.put(r.text(), Set.copyOf(r.methods().keySet()));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Routes a request to its endpoint: 404 for an unknown path, 405 with {@code Allow} for a wrong method. */
  Response dispatch(Caller caller) {
    Request req = caller.request();
    String path = req.path();
    String p = trimmed(path);
    Route exact = literal.get(p);
    if (exact != null) {
      return call(exact, caller, List.of());
    }
    List<String> segments = segments(p);
    for (Route r : routes) {
      List<String> vars = match(r.pattern(), segments);
      if (vars != null) {
        return call(r, caller, vars);
      }
    }
    throw notFound(path);
  }

  /**
   * The {@code Allow} value of the route that takes {@code path}, for {@code OPTIONS}.
   *
   * @throws HttpProblem 404 when no route takes it, as any other method would get
   */
  String allow(String path) {
    String p = trimmed(path);
    Route r = literal.get(p);
    if (r == null) {
      List<String> segments = segments(p);
      for (Route x : routes) {
        if (match(x.pattern(), segments) != null) {
          r = x;
          break;
        }
      }
    }
    if (r == null) {
      throw notFound(path);
    }
    return allow(r.methods().keySet());
  }

  private static HttpProblem notFound(String path) {
    return HttpProblem.notFound(path.startsWith("/api/")
        ? "no API endpoint '" + path + "'; see docs/servlet.md"
        : "nothing at '" + path + "' under the comments mount point; see docs/servlet.md for the routes");
  }

  private static Response call(Route r, Caller caller, List<String> vars) {
    String method = caller.request().method();
    Endpoint e = r.methods().get(method);
    if (e == null && method.equals("HEAD")) {
      e = r.methods().get("GET");
    }
    if (e == null) {
      String allow = allow(r.methods().keySet());
      return Problems.of(new HttpProblem(405, "method_not_allowed", "Method not allowed",
          "use " + allow + " here (not " + method + ")")).header("Allow", allow);
    }
    return e.handle(caller, vars);
  }

  /** The path without a trailing slash (but {@code /} stays). */
  private static String trimmed(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The {@code Allow} value for a route's methods, in a fixed order. */
  static String allow(Set<String> methods) {
    StringJoiner j = new StringJoiner(", ");
    for (String m : METHOD_ORDER) {
      if (methods.contains(m) || m.equals("OPTIONS") || (m.equals("HEAD") && methods.contains("GET"))) {
        j.add(m);
      }
    }
    return j.toString();
  }

  private static @Nullable List<String> match(List<String> pattern, List<String> path) {
    List<String> vars = new ArrayList<>(2);
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      if (p.equals("**")) {
        if (i >= path.size()) {
          return null;
        }
        vars.add(String.join("/", path.subList(i, path.size())));
        return vars;
      }
      if (i >= path.size()) {
        return null;
      }
      if (p.startsWith("{") && p.endsWith("}")) {
        vars.add(path.get(i));
      } else if (!p.equals(path.get(i))) {
        return null;
      }
    }
    return pattern.size() == path.size() ? vars : null;
  }

  private static List<String> segments(String path) {
    List<String> s = new ArrayList<>();
    int start = path.startsWith("/") ? 1 : 0;
    if (start >= path.length()) {
      return s;
    }
    while (true) {
      int slash = path.indexOf('/', start);
      if (slash < 0) {
        s.add(path.substring(start));
        return s;
      }
      s.add(path.substring(start, slash));
      start = slash + 1;
    }
  }
}
