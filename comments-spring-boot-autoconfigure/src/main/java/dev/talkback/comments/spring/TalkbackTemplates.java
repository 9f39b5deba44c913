package dev.talkback.comments.spring;

import dev.talkback.comments.servlet.CommentsServlet;
import dev.talkback.comments.servlet.ThreadFragment;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Talkback in the application's own templates, registered as the bean {@code talkback}: the thread's no-JS
 * fragment (the comments and the plain form) rendered into the page, for the request being handled. Any
 * template engine that can call a bean will do; with Thymeleaf:
 *
 * <pre>{@code
 * <div th:with="thread=${@talkback.thread(post.slug, post.title, '/posts/' + post.slug)}" th:utext="${thread}"></div>
 * <script th:with="js=${@talkback.asset('embed.js')}" th:src="${js}" defer></script>
 * }</pre>
 *
 * <p>The bean is called in {@code th:with}: Thymeleaf 3.1.4 and later (Spring Boot 4) refuse bean references
 * inside {@code th:utext} and {@code th:src}. {@code th:utext} is right here: the fragment is escaped by
 * construction and comment bodies are sanitized. When the comment database is down and nothing is cached, the fragment says so in HTML and keeps
 * the form, so the page still renders. Pages that use it work in MockMvc tests as in a server.
 *
 * <p>Threadsafe.
 */
public final class TalkbackTemplates {
  private final CommentsServlet servlet;
  private final String path;

  /**
   * Templates for this servlet, mounted at {@code path}.
   *
   * @param servlet the Talkback servlet
   * @param path {@code talkback.path}, such as {@code /comments}
   */
  public TalkbackTemplates(CommentsServlet servlet, String path) {
    this.servlet = Objects.requireNonNull(servlet, "servlet");
    String p = path.trim();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    this.path = p;
  }

  /**
   * The fragment of a thread for the current request.
   *
   * @param thread the thread's key, such as the post's slug
   * @param title the post's title, stored with the thread
   * @param url the post's URL (a path on this site, or an absolute URL of an allowed origin); the form
   *     returns there after posting
   * @return the fragment's HTML, to insert unescaped
   * @throws IllegalStateException outside a web request
   * @throws IllegalArgumentException if Talkback refuses the values, such as an invalid key
   */
  public String thread(String thread, String title, String url) {
    return render(ThreadFragment.builder(thread).title(title).url(url));
  }

  /**
   * The fragment of a thread in a language, for the current request.
   *
   * @param thread the thread's key
   * @param title the post's title
   * @param url the post's URL
   * @param language a language tag such as {@code de}; English when not translated
   * @return the fragment's HTML, to insert unescaped
   * @throws IllegalStateException outside a web request
   * @throws IllegalArgumentException if Talkback refuses the values
   */
  public String thread(String thread, String title, String url, String language) {
    return render(ThreadFragment.builder(thread).title(title).url(url).language(language));
  }

  /**
   * The URL of a widget file with its version (cached by browsers for a year), for a {@code <script>} or
   * {@code <link>} of the page.
   *
   * @param name {@code embed.js} or {@code embed.css}
   * @return such as {@code /comments/assets/3f2a9c01be/embed.js}, with the context path
   * @throws IllegalStateException outside a web request
   */
  public String asset(String name) {
    return request().getContextPath() + path + servlet.assetPath(name);
  }

  /**
   * Where the servlet is mounted, with the context path, for the widget's {@code data-talkback} attributes.
   *
   * @return such as {@code /comments}
   * @throws IllegalStateException outside a web request
   */
  public String mount() {
    return request().getContextPath() + path;
  }

  private String render(ThreadFragment.Builder b) {
    HttpServletRequest request = request();
    return servlet.renderFragment(request, b.mountPath(request.getContextPath() + path).build());
  }

  private static HttpServletRequest request() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
      return a.getRequest();
    }
    throw new IllegalStateException("Talkback's template helper renders for a web request; there is none on"
        + " this thread");
  }
}
