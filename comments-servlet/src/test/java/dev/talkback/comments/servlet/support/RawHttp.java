package dev.talkback.comments.servlet.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests no HTTP client would send (raw query
 * bytes, odd headers, bodies that are not what their headers say). One request per connection.
 */
public final class RawHttp {
  private final String host;
  private final int port;

  /** A client for the server of this URI. */
  public RawHttp(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /** The port of the server. */
  public int port() {
    return port;
  }

  /** Sends {@code METHOD target} with these header lines (each "Name: value") and body; reads the answer. */
  public Reply send(String method, String target, Map<String, String> headers, byte[] body) throws IOException {
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\nConnection: close\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body.length > 0 && !headers.containsKey("Content-Length") && !headers.containsKey("Transfer-Encoding")) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    req.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    req.write(body);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 5000);
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(req.toByteArray());
      out.flush();
      return Reply.parse(s.getInputStream().readAllBytes());
    }
  }

  /** Reads a whole response from a stream the server closes after it. */
  public static Reply read(InputStream in) throws IOException {
    return Reply.parse(in.readAllBytes());
  }

  /**
   * A parsed response: status, headers (names in lower case, first value), the body (de-chunked), and the
   * status line and header lines as they came, in order.
   */
  public record Reply(int status, Map<String, String> headers, byte[] body, String statusLine, List<String> lines) {
    static Reply parse(byte[] raw) throws IOException {
      int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (end < 0) {
        throw new IOException("no complete response head in " + raw.length + " bytes: "
            + new String(raw, StandardCharsets.ISO_8859_1));
      }
      String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).trim());
        }
      }
      byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        rest = dechunk(rest);
      }
      return new Reply(status, headers, rest, lines[0], List.of(lines).subList(1, lines.length));
    }

    /** A header by its name in any case, or null. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  private static byte[] dechunk(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < b.length) {
      int eol = indexOf(java.util.Arrays.copyOfRange(b, i, b.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (eol < 0) {
        break;
      }
      String sizeLine = new String(b, i, eol, StandardCharsets.ISO_8859_1);
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      i += eol + 2;
      if (size == 0) {
        break;
      }
      out.write(b, i, Math.min(size, b.length - i));
      i += size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
