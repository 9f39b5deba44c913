package dev.talkback.comments.servlet.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The widget's static files ({@code embed.js}, {@code embed.css}, {@code admin.css}), loaded once from the
 * jar and served as ready bytes, plain or gzipped. Under {@code /assets/<version>/} they are cached for a
 * year ({@code immutable}); the version is a hash of all of them, so a new release changes every URL.
 */
final class Assets {
  private static final String[] NAMES = {"embed.js", "embed.css", "admin.css"};
  /** {@code embed.css} without comments and runs of white space: what the no-JS pages carry inline. */
  static final String INLINE_CSS = minify(new String(load("embed.css"), StandardCharsets.UTF_8));
  /** The CSP source of {@link #INLINE_CSS}: {@code 'sha256-…'}, for {@code style-src}. */
  static final String INLINE_CSS_HASH = "'sha256-" + Base64.getEncoder().encodeToString(
      sha256().digest(INLINE_CSS.getBytes(StandardCharsets.UTF_8))) + "'";
  private final Map<String, Asset> assets;
  private final String version;

  /** One file: its type, bytes, gzipped bytes and ETag. Immutable: the arrays are never handed out to change. */
  private static final class Asset {
    final String type;
    final byte[] plain;
    final byte[] gzip;
    final String etag;

    Asset(String type, byte[] plain, byte[] gzip, String etag) {
      this.type = type;
      this.plain = plain;
      this.gzip = gzip;
      this.etag = etag;
    }
  }

  Assets() {
    Map<String, Asset> m = new HashMap<>();
    MessageDigest all = sha256();
    for (String n : NAMES) {
      byte[] b = load(n);
      all.update(b);
      String type = n.endsWith(".js") ? "text/javascript;charset=utf-8" : "text/css;charset=utf-8";
      m.put(n, new Asset(type, b, gzip(b), ThreadResponses.etag(b)));
    }
    this.assets = Map.copyOf(m);
    this.version = HexFormat.of().formatHex(all.digest(), 0, 5);
  }

  /** The path below the mount point of an asset, with the version: {@code /assets/1a2b3c4d5e/embed.js}. */
  String path(String name) {
    return "/assets/" + version + "/" + name;
  }

  Response serve(Request req, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    Asset a = assets.get(name);
    if (a == null) {
      throw HttpProblem.notFound("no asset '" + name + "'; the widget's files are embed.js and embed.css");
    }
    boolean versioned = path.equals(path(name));
    String cache = versioned ? "public, max-age=31536000, immutable" : "public, max-age=300";
    if (ThreadResponses.matches(req.header("If-None-Match"), a.etag)) {
      return Response.status(304).header("ETag", a.etag).header("Cache-Control", cache)
          .header("Cross-Origin-Resource-Policy", "cross-origin");
    }
    boolean gz = Encodings.acceptsGzip(req.header("Accept-Encoding"));
    Response r = Response.of(200, a.type, gz ? a.gzip : a.plain)
        .header("Cache-Control", cache)
        .header("ETag", a.etag)
        .header("Cross-Origin-Resource-Policy", "cross-origin")
        .addHeader("Vary", "Accept-Encoding");
    if (gz) {
      r.header("Content-Encoding", "gzip");
    }
    return r;
  }

  private static byte[] load(String name) {
    try (InputStream in = Assets.class.getResourceAsStream("/dev/talkback/comments/servlet/assets/" + name)) {
      if (in == null) {
        throw new IllegalStateException("asset missing from the jar: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CSS without comments, runs of white space made one space; refuses a {@code <} (it goes into a {@code <style>}). */
  static String minify(String css) {
    String m = css.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("\\s+", " ").trim();
    if (m.indexOf('<') >= 0) {
      throw new IllegalStateException("embed.css must not contain '<': it is inlined into a <style> element");
    }
    return m;
  }

  static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out) {
      {
        def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
      }
    }) {
      z.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
