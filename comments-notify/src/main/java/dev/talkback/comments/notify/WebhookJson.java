package dev.talkback.comments.notify;

import dev.talkback.comments.Comment;
import dev.talkback.comments.notification.OutboxMessage;
import java.time.Instant;
import java.util.Locale;

/**
 * The JSON body of a webhook event, written field by field with escaping (no address, no IP hash, no token
 * hash): {@code {"type":"comment.posted","timestamp":"...","data":{"id":...,"site":...,"thread":...,
 * "parentId":...,"status":...,"author":...,"html":...,"created":...}}}.
 */
final class WebhookJson {
  private WebhookJson() {}

  static String type(OutboxMessage.Kind kind) {
    return "comment." + kind.name().substring("COMMENT_".length()).toLowerCase(Locale.ROOT);
  }

  static String event(OutboxMessage.Kind kind, Instant at, Comment c) {
    StringBuilder b = new StringBuilder(256 + c.html().length());
    b.append("{\"type\":");
    string(b, type(kind));
    b.append(",\"timestamp\":");
    string(b, at.toString());
    b.append(",\"data\":{\"id\":");
    string(b, c.id().toString());
    b.append(",\"site\":");
    string(b, c.site().value());
    b.append(",\"thread\":");
    string(b, c.thread().value());
    b.append(",\"parentId\":");
    if (c.parentId().isPresent()) {
      string(b, c.parentId().get().toString());
    } else {
      b.append("null");
    }
    b.append(",\"status\":");
    string(b, c.status().name().toLowerCase(Locale.ROOT));
    b.append(",\"author\":");
    string(b, c.author().name());
    b.append(",\"html\":");
    string(b, c.html());
    b.append(",\"created\":");
    string(b, c.created().toString());
    b.append("}}");
    return b.toString();
  }

  static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '<' -> b.append("\\u003c");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
