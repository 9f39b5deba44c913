package dev.talkback.comments.servlet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the JSON API ({@code openapi.json} beside
 * the servlet in the jar), loaded once and served as ready bytes with an ETag. Its paths are relative to the
 * mount point; its {@code servers} entry, {@code ..}, resolves to the mount point from where it is served.
 * The tests check every answer of every endpoint against it (OpenApiResponsesTest), so it describes what the
 * servlet does.
 */
final class ApiDescription {
  /** The media type IANA registered for OpenAPI documents, with the version. */
  static final String TYPE = "application/vnd.oai.openapi+json;version=3.1";
  static final String RESOURCE = "/dev/talkback/comments/servlet/openapi.json";
  private final byte[] plain;
  private final byte[] gzip;
  private final String etag;

  ApiDescription() {
    try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      this.plain = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.gzip = Assets.gzip(plain);
    this.etag = ThreadResponses.etag(plain);
  }

  Response serve(Request req) {
    String cache = "public, max-age=300";
    if (ThreadResponses.matches(req.header("If-None-Match"), etag)) {
      return Response.status(304).header("ETag", etag).header("Cache-Control", cache);
    }
    boolean gz = Encodings.acceptsGzip(req.header("Accept-Encoding"));
    Response r = Response.of(200, TYPE, gz ? gzip : plain).header("Cache-Control", cache).header("ETag", etag)
        .addHeader("Vary", "Accept-Encoding");
    if (gz) {
      r.header("Content-Encoding", "gzip");
    }
    return r;
  }
}
