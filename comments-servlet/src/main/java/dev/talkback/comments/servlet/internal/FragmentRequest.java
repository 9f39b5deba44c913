package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fragment of a thread asked for from the host's own page (a template rendering it to a String): the
 * host page's request stands in for who is reading (identity, cookies, address), the route is {@code GET
 * /fragment} with the given query, and links point at the given mount point.
 */
public final class FragmentRequest implements Request {
  private final Request page;
  private final String mountPath;
  private final String query;

  /**
   * A fragment request on behalf of the host's page.
   *
   * @param page the host page's request
   * @param mountPath where the servlet is mounted, as the browser sees it (no trailing slash)
   * @param query the fragment's query string, already encoded
   */
  public FragmentRequest(Request page, String mountPath, String query) {
    this.page = page;
    this.mountPath = mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
    this.query = query;
  }

  /**
   * The HTML of a response to show inside a host's page: the fragment itself, or for a failure a short
   * readable paragraph (never a problem document).
   *
   * @param r the handler's response
   * @return HTML
   */
  public static String html(Response r) {
    if (r.status() == 200 && String.valueOf(r.header("Content-Type")).startsWith("text/html")) {
      return new String(r.body(), StandardCharsets.UTF_8);
    }
    String detail = Problems.detail(r);
    return new HtmlWriter(256).tag("section").attr("class", "talkback tb-nojs").attr("id", "talkback")
        .tag("p").attr("class", "tb-error").attr("role", "status").text(detail).end().end().nl().html();
  }

  /**
   * What a failed response says, as text.
   *
   * @param r the handler's response
   * @return its problem's detail and invalid fields
   */
  public static String detail(Response r) {
    return Problems.detail(r);
  }

  @Override
  public String method() {
    return "GET";
  }

  @Override
  public String path() {
    return "/fragment";
  }

  @Override
  public String mountPath() {
    return mountPath;
  }

  @Override
  public @Nullable String queryString() {
    return query;
  }

  @Override
  public @Nullable String header(String name) {
    return page.header(name);
  }

  @Override
  public @Nullable String cookie(String name) {
    return page.cookie(name);
  }

  @Override
  public String remoteAddress() {
    return page.remoteAddress();
  }

  @Override
  public boolean secure() {
    return page.secure();
  }

  @Override
  public InputStream body() {
    return InputStream.nullInputStream();
  }

  @Override
  public Optional<Identity> identity() {
    return page.identity();
  }

  @Override
  public boolean mayModerate(SiteId site) {
    return page.mayModerate(site);
  }
}
