package dev.talkback.comments.io;

import dev.talkback.comments.ThreadKey;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a source's post URL into a {@link ThreadKey}. By default the key is the URL's path
 * ({@code https://blog.example/2014/hello/} becomes {@code /2014/hello/}), which is what a host that keys
 * threads by canonical path needs.
 *
 * <p>Rules map an old domain or prefix to new keys, because URLs change on a move. A rule is
 * {@code from → to}: {@code from} is either a URL prefix with a host ({@code http://old.example/blog/};
 * the scheme is ignored, so http and https both match) or a path prefix ({@code /blog/}). The first rule
 * whose {@code from} starts the URL (or its path) wins, and the key is {@code to} followed by the rest of
 * the URL's path. A query and a fragment are dropped, except WordPress's own post address: a query that names
 * a post by number ({@code p}, {@code page_id} or {@code attachment_id}, as in {@code https://blog.example/?p=42},
 * which WordPress uses for drafts and for every post of a blog with plain permalinks) keeps that one parameter,
 * so that such posts do not all become the thread of {@code /} ({@code /?p=42}). With
 * {@link Builder#stripTrailingSlash}, a trailing {@code /} is removed from the path (but a key is never empty:
 * the root path stays {@code /}).
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
    URI uri = parse(url.strip());
    if (uri == null) {
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
    String postQuery = wordPressPostQuery(uri.getRawQuery());
    return toKey(postQuery == null ? key : key + postQuery);
  }

  /**
   * The URL, parsed as browsers send it: a character a URL may not hold (a space, a bar, a brace...), which
   * sources such as Disqus keep as the page reported it, is percent-encoded, and so is a {@code %} that starts no
   * escape; null if it still cannot be parsed or its host is lost.
   */
  private static @Nullable URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      // encode below
    }
    StringBuilder sb = new StringBuilder(url.length() + 16);
    boolean fragment = false;
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      boolean escape = c == '%' && i + 2 < url.length() && hex(url.charAt(i + 1)) && hex(url.charAt(i + 2));
      if (c == '#' && !fragment) {
        fragment = true;
        sb.append(c);
      } else if (c == '%' && !escape) {
        sb.append("%25");
      } else if (c <= ' ' || c == 0x7f || "\"<>\\^`{|}#".indexOf(c) >= 0) {
        sb.append(String.format(Locale.ROOT, "%%%02X", (int) c)); // all ASCII: one byte of UTF-8 each
      } else {
        sb.append(c);
      }
    }
    try {
      URI uri = new URI(sb.toString());
      return uri.getHost() == null && url.contains("://") ? null : uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static boolean hex(char c) {
    return Character.digit(c, 16) >= 0;
  }

  /**
   * {@code ?p=42} (or {@code ?page_id=42}, {@code ?attachment_id=42}) if the query names a WordPress post by
   * number, the first such parameter; otherwise null.
   */
  private static @Nullable String wordPressPostQuery(@Nullable String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    int from = 0;
    while (from <= query.length()) {
      int amp = query.indexOf('&', from);
      int to = amp < 0 ? query.length() : amp;
      String param = query.substring(from, to);
      from = to + 1;
      int eq = param.indexOf('=');
      if (eq <= 0 || eq == param.length() - 1) {
        continue;
      }
      String name = param.substring(0, eq);
      String value = param.substring(eq + 1);
      if ((name.equals("p") || name.equals("page_id") || name.equals("attachment_id"))
          && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "?" + name + "=" + value;
      }
    }
    return null;
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
