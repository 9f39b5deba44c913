package dev.talkback.comments.notify;

import dev.talkback.comments.notification.OutboxMessage;
import java.net.URI;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where webhook events go, and the secret they are signed with (Standard Webhooks: {@code whsec_} and the
 * base64 of the key; the key should be 24 to 64 random bytes).
 *
 * @param url the endpoint, http or https
 * @param secret {@code whsec_<base64 key>}
 * @param events the events it wants ({@code COMMENT_*} kinds)
 */
public record WebhookEndpoint(URI url, String secret, Set<OutboxMessage.Kind> events) {

  /**
   * Checks the fields.
   *
   * @param url see the record
   * @param secret see the record
   * @param events see the record
   * @throws IllegalArgumentException if the URL is not absolute http(s) of at most 500 characters, the secret
   *     is not {@code whsec_} and base64 of at least 16 bytes, or an event is not an event
   */
  public WebhookEndpoint {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    events = Set.copyOf(events);
    if (!url.isAbsolute() || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))
        || url.getHost() == null || url.toString().length() > OutboxMessage.MAX_TARGET) {
      throw new IllegalArgumentException("a webhook URL is an absolute http(s) URL of at most "
          + OutboxMessage.MAX_TARGET + " characters: " + url);
    }
    if (!secret.startsWith("whsec_") || key(secret).length < 16) {
      throw new IllegalArgumentException("a webhook secret is whsec_ followed by the base64 of at least 16 bytes");
    }
    for (OutboxMessage.Kind k : events) {
      if (!k.isEvent()) {
        throw new IllegalArgumentException(k + " is not an event");
      }
    }
  }

  /**
   * An endpoint for every event.
   *
   * @param url the endpoint
   * @param secret {@code whsec_<base64 key>}
   * @return the endpoint
   */
  public static WebhookEndpoint of(URI url, String secret) {
    EnumSet<OutboxMessage.Kind> all = EnumSet.noneOf(OutboxMessage.Kind.class);
    for (OutboxMessage.Kind k : OutboxMessage.Kind.values()) {
      if (k.isEvent()) {
        all.add(k);
      }
    }
    return new WebhookEndpoint(url, secret, all);
  }

  /** The HMAC key: the base64 after {@code whsec_}. */
  static byte[] key(String secret) {
    try {
      return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  @Override
  public String toString() {
    return "WebhookEndpoint{" + url + ", events=" + events + "}"; // never the secret
  }
}
