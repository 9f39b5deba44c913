package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import dev.talkback.comments.servlet.IdentityResolver;
import dev.talkback.comments.servlet.ModeratorAuthorizer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A servlet request seen as a {@link Request}; understands {@code RequestDispatcher.include}. */
public final class ServletRequestView implements Request {
  private final HttpServletRequest r;
  private final IdentityResolver identities;
  private final ModeratorAuthorizer moderators;
  private final boolean included;
  private final byte @Nullable [] body;
  /** The path below the mount point, asked of the container once (routing reads it more than once). */
  private @Nullable String path;

  /**
   * A view of a request; the resolver and authorizer are called when the handler asks.
   *
   * @param r the servlet request (or the including request, for {@code RequestDispatcher.include})
   * @param identities the host's identity resolver
   * @param moderators the host's moderator authorizer
   */
  public ServletRequestView(HttpServletRequest r, IdentityResolver identities, ModeratorAuthorizer moderators) {
    this(r, identities, moderators, null);
  }

  /**
   * A view of a request whose body was read already ({@link AsyncBody}).
   *
   * @param r the servlet request
   * @param identities the host's identity resolver
   * @param moderators the host's moderator authorizer
   * @param body the whole body, or {@code null} to read it from the request when asked
   */
  public ServletRequestView(HttpServletRequest r, IdentityResolver identities, ModeratorAuthorizer moderators,
      byte @Nullable [] body) {
    this.body = body;
    this.r = r;
    this.identities = identities;
    this.moderators = moderators;
    // a request the container dispatched straight to the servlet is not an include: asking its type is a field
    // read, where the attribute lookup walks the container's synthetic attributes on every request
    this.included = r.getDispatcherType() != DispatcherType.REQUEST
        && r.getAttribute(RequestDispatcher.INCLUDE_SERVLET_PATH) != null;
  }

  private @Nullable String attr(String name) {
    Object o = r.getAttribute(name);
    return o == null ? null : o.toString();
  }

  @Override
  public String method() {
    return included ? "GET" : r.getMethod();
  }

  /**
   * Whether the request is a {@code RequestDispatcher.include} of the servlet (the host's page including the
   * fragment), asked of the container once.
   *
   * @return {@code true} when included
   */
  public boolean included() {
    return included;
  }

  @Override
  public String path() {
    String known = path;
    if (known != null) {
      return known;
    }
    String p = included ? attr(RequestDispatcher.INCLUDE_PATH_INFO) : r.getPathInfo();
    String found = p == null || p.isEmpty() ? "/" : p;
    path = found;
    return found;
  }

  @Override
  public String mountPath() {
    String m = included
        ? nz(attr(RequestDispatcher.INCLUDE_CONTEXT_PATH)) + nz(attr(RequestDispatcher.INCLUDE_SERVLET_PATH))
        : r.getContextPath() + r.getServletPath();
    return m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
  }

  private static String nz(@Nullable String s) {
    return s == null ? "" : s;
  }

  @Override
  public @Nullable String queryString() {
    return included ? attr(RequestDispatcher.INCLUDE_QUERY_STRING) : r.getQueryString();
  }

  @Override
  public @Nullable String pageQueryString() {
    return included ? r.getQueryString() : null;
  }

  @Override
  public @Nullable String header(String name) {
    return r.getHeader(name);
  }

  @Override
  public @Nullable String cookie(String name) {
    Cookie[] cookies = r.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(name)) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  @Override
  public String remoteAddress() {
    String a = r.getRemoteAddr();
    return a == null ? "unknown" : a;
  }

  @Override
  public boolean secure() {
    return r.isSecure();
  }

  @Override
  public InputStream body() {
    byte[] b = body;
    if (b != null) {
      return new ByteArrayInputStream(b);
    }
    try {
      return included ? InputStream.nullInputStream() : r.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<Identity> identity() {
    return identities.resolve(r);
  }

  @Override
  public boolean mayModerate(SiteId site) {
    return moderators.mayModerate(r, site);
  }
}
