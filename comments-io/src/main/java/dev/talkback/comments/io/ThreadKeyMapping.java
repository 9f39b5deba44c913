package dev.talkback.comments.io;

import dev.talkback.comments.ThreadKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a source's post URL into a {@link ThreadKey}. By default the key is the URL's path
 * ({@code https://blog.example/2014/hello/} becomes {@code /2014/hello/}), which is what a host that keys
 * threads by canonical path needs.
 *
 * <p>Rules map an old domain or prefix to new keys, because URLs change on a move. A rule is
 * {@code from → to}: {@code from} is either a URL prefix with a host ({@code http://old.example/blog/};
 * the scheme is ignored, so http and https both match) or a path prefix ({@code /blog/}). The first rule
 * whose {@code from} starts the URL (or its path) wins, and the key is {@code to} followed by the rest of
 * the URL's path. A query and a fragment are dropped. With {@link Builder#stripTrailingSlash}, a trailing
 * {@code /} is removed (but a key is never empty: the root path stays {@code /}).
 *
 * <pre>{@code
 * ThreadKeyMapping.builder()
 *     .rule("http://old.example/blog/", "posts/")   // http(s)://old.example/blog/hello/ -> posts/hello
 *     .rule("/", "posts/")                           // any other URL's path /x/ -> posts/x
 *     .stripTrailingSlash(true)
 *     .build();
 * }</pre>
 *
 * <p>A source record without a URL falls back to its own identifier (a Disqus thread's {@code <id>}, a
 * WordPress post's {@code post_name} or {@code post_id}). Immutable and thread-safe.
 */
public final class ThreadKeyMapping {
  private static final ThreadKeyMapping PATH = builder().build();

  private final List<Rule> rules;
  private final boolean stripTrailingSlash;

  private ThreadKeyMapping(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.stripTrailingSlash = b.stripTrailingSlash;
  }

  /**
   * The default: the URL's path, as it is.
   *
   * @return the default: the URL's path, as it is
   */
  public static ThreadKeyMapping path() {
    return PATH;
  }

  /**
   * A builder with no rules.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The key for a post URL.
   *
   * @param url the post URL
   * @return the key, or empty if the URL cannot be parsed or gives no usable key
   */
  public Optional<ThreadKey> keyFor(String url) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String key = path;
    for (Rule r : rules) {
      if (r.host.isEmpty()) {
        if (path.startsWith(r.pathPrefix)) {
          key = r.to + path.substring(r.pathPrefix.length());
          break;
        }
      } else if (r.host.equals(host + port) && path.startsWith(r.pathPrefix)) {
        key = r.to + path.substring(r.pathPrefix.length());
        break;
      }
    }
    if (stripTrailingSlash && key.length() > 1 && key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    return toKey(key);
  }

  /**
   * The key for a source's own identifier of a thread, used when the thread has no URL.
   *
   * @param identifier the source's identifier of the thread
   * @return the key for a source's own identifier of a thread, used when the thread has no URL
   */
  public Optional<ThreadKey> keyForIdentifier(String identifier) {
    return toKey(identifier.strip());
  }

  private static Optional<ThreadKey> toKey(String key) {
    try {
      return Optional.of(ThreadKey.of(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static final class Rule {
    final String host;
    final String pathPrefix;
    final String to;

    Rule(String host, String pathPrefix, String to) {
      this.host = host;
      this.pathPrefix = pathPrefix;
      this.to = to;
    }
  }

  /** Builds a {@link ThreadKeyMapping}; each method checks its arguments at once. Not thread-safe. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private boolean stripTrailingSlash;

    private Builder() {}

    /**
     * Adds a rule, tried after the ones added before.
     *
     * @param from a URL prefix with a host ({@code https://old.example/blog/}) or a path prefix starting
     * @param to what replaces {@code from} at the start of the key; may be empty
     * @return this builder
     *     with {@code /}
     * @throws IllegalArgumentException if {@code from} is neither
     */
    public Builder rule(String from, String to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (from.startsWith("/")) {
        rules.add(new Rule("", from, to));
        return this;
      }
      URI uri;
      try {
        uri = new URI(from);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("rule source must be a URL prefix or a path prefix: " + from, e);
      }
      if (uri.getHost() == null) {
        throw new IllegalArgumentException(
            "rule source must be a URL prefix with a host (https://old.example/blog/) or a path prefix (/blog/): "
                + from);
      }
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      rules.add(new Rule(uri.getHost().toLowerCase(Locale.ROOT) + port, path, to));
      return this;
    }

    /**
     * Whether a trailing {@code /} is removed from keys (default {@code false}).
     *
     * @param strip whether to strip it
     * @return this builder
     */
    public Builder stripTrailingSlash(boolean strip) {
      this.stripTrailingSlash = strip;
      return this;
    }

    /**
     * The mapping.
     *
     * @return the mapping
     */
    public ThreadKeyMapping build() {
      return new ThreadKeyMapping(this);
    }
  }
}
