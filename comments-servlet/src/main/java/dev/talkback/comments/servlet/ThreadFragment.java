package dev.talkback.comments.servlet;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which thread's no-JS fragment to render into a host's own page: the comments as HTML with the plain form
 * below them, the same as {@code GET <mount>/fragment}. Render it with {@link CommentsServlet#renderFragment}
 * (or {@link CommentsServlet#writeFragment}) and put the result, unescaped, into the page: it is escaped by
 * construction, and comment bodies are sanitized.
 *
 * <pre>{@code
 * String html = servlet.renderFragment(request, ThreadFragment.builder("posts/hello-world")
 *     .title("Hello, world").url("https://blog.example/posts/hello-world").mountPath("/comments").build());
 * }</pre>
 *
 * <p>Immutable and threadsafe.
 */
public final class ThreadFragment {
  private final ThreadKey thread;
  private final @Nullable SiteId site;
  private final String title;
  private final @Nullable String url;
  private final @Nullable String returnTo;
  private final @Nullable String language;
  private final @Nullable String mountPath;

  private ThreadFragment(Builder b) {
    this.thread = b.thread;
    this.site = b.site;
    this.title = b.title;
    this.url = b.url;
    this.returnTo = b.returnTo;
    this.language = b.language;
    this.mountPath = b.mountPath;
  }

  /**
   * Starts describing the fragment of a thread.
   *
   * @param thread the thread's key, such as {@code posts/hello-world}
   * @return a builder
   * @throws IllegalArgumentException if the key is not a valid {@link ThreadKey}
   */
  public static Builder builder(String thread) {
    return new Builder(ThreadKey.of(thread));
  }

  /**
   * The thread.
   *
   * @return the thread's key
   */
  public ThreadKey thread() {
    return thread;
  }

  /**
   * Where the servlet is mounted as the browser sees it, if set.
   *
   * @return the mount path, or {@code null} to ask the servlet
   */
  public @Nullable String mountPath() {
    return mountPath;
  }

  /** The query string of {@code GET /fragment} for this fragment. */
  String query() {
    StringBuilder q = new StringBuilder("thread=").append(enc(thread.value()));
    if (site != null) {
      q.append("&site=").append(enc(site.value()));
    }
    q.append("&title=").append(enc(title));
    if (url != null) {
      q.append("&url=").append(enc(url));
    }
    if (returnTo != null) {
      q.append("&return=").append(enc(returnTo));
    }
    if (language != null) {
      q.append("&lang=").append(enc(language));
    }
    return q.toString();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Describes a {@link ThreadFragment}; each setter checks its argument at once. Not threadsafe. */
  public static final class Builder {
    private final ThreadKey thread;
    private @Nullable SiteId site;
    private String title = "";
    private @Nullable String url;
    private @Nullable String returnTo;
    private @Nullable String language;
    private @Nullable String mountPath;

    Builder(ThreadKey thread) {
      this.thread = thread;
    }

    /**
     * The site of the thread; the servlet's default site when not set.
     *
     * @param site the site
     * @return this builder
     */
    public Builder site(SiteId site) {
      this.site = Objects.requireNonNull(site, "site");
      return this;
    }

    /**
     * The thread's title, stored with its first comment (for feeds and notifications).
     *
     * @param title the page's title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    /**
     * The page's URL: stored with the thread when it is on an allowed origin, and where the form returns to.
     *
     * @param url the page's absolute URL or path
     * @return this builder
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Where the no-JS form returns to after posting; the page's URL when not set. A path on this site or an
     * http(s) URL of an allowed origin.
     *
     * @param returnTo the return URL
     * @return this builder
     */
    public Builder returnTo(String returnTo) {
      this.returnTo = Objects.requireNonNull(returnTo, "returnTo");
      return this;
    }

    /**
     * The language of the fragment's texts, such as {@code de}; English when not set or not translated.
     *
     * @param language a language tag
     * @return this builder
     */
    public Builder language(String language) {
      this.language = Objects.requireNonNull(language, "language");
      return this;
    }

    /**
     * Where the servlet is mounted as the browser sees it, with the context path: {@code /comments} say. The
     * form posts there and the stylesheet is loaded from there. Not needed when the servlet has a public URL
     * or has been initialised by its container (it then knows its mapping).
     *
     * @param mountPath a path starting with {@code /}
     * @return this builder
     * @throws IllegalArgumentException if it does not start with {@code /}
     */
    public Builder mountPath(String mountPath) {
      if (!mountPath.startsWith("/")) {
        throw new IllegalArgumentException("mountPath must start with '/': " + mountPath);
      }
      this.mountPath = mountPath;
      return this;
    }

    /**
     * The fragment description.
     *
     * @return an immutable fragment description
     */
    public ThreadFragment build() {
      return new ThreadFragment(this);
    }
  }
}
