package dev.talkback.comments.servlet.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small HTTP client for tests: real requests over loopback, cookies kept. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient client;

  public Http(URI base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public URI base() {
    return base;
  }

  /** A request builder for a path below the mount point. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
  }

  public Reply get(String path, String... headers) {
    HttpRequest.Builder b = request(path).GET();
    headers(b, headers);
    return send(b.build());
  }

  public Reply json(String method, String path, String body, String... headers) {
    HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    headers(b, headers);
    return send(b.build());
  }

  public Reply form(String path, String body, String... headers) {
    HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded");
    headers(b, headers);
    return send(b.build());
  }

  private static void headers(HttpRequest.Builder b, String[] headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
  }

  public Reply send(HttpRequest r) {
    try {
      HttpResponse<byte[]> resp = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(resp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response. */
  public record Reply(HttpResponse<byte[]> response) {
    public int status() {
      return response.statusCode();
    }

    public String body() {
      return new String(response.body(), StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
      return response.body();
    }

    public JsonNode json() {
      try {
        return JSON.readTree(response.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body(), e);
      }
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public String type() {
      return header("Content-Type");
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
