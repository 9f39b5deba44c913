package dev.talkback.comments.servlet.internal;

import dev.talkback.comments.SiteId;
import dev.talkback.comments.servlet.Identity;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One HTTP request as the handler sees it, whatever the container. */
public interface Request {

  /** The method, upper case. */
  String method();

  /** The path below the mount point, starting with {@code /} ({@code "/"} for the mount point itself). */
  String path();

  /** The path of the mount point as the browser sees it (context path plus servlet path), without a trailing slash. */
  String mountPath();

  /** The raw query string, or {@code null}. */
  @Nullable String queryString();

  /** The first value of a request header, or {@code null}. */
  @Nullable String header(String name);

  /** The value of a cookie, or {@code null}. */
  @Nullable String cookie(String name);

  /** The client's address as the container reports it (behind a proxy, configure the container's forwarding support). */
  String remoteAddress();

  /** Whether the request came over TLS. */
  boolean secure();

  /** The request body; read at most once. */
  InputStream body();

  /** The logged-in reader, if the host says so. */
  Optional<Identity> identity();

  /** Whether the reader may moderate {@code site}. */
  boolean mayModerate(SiteId site);

  /** The query parameters, decoded. */
  default Params query() {
    return Params.parse(queryString());
  }

  /** Every value of a header (most containers give one joined value). */
  default List<String> headers(String name) {
    String v = header(name);
    return v == null ? List.of() : List.of(v);
  }
}
