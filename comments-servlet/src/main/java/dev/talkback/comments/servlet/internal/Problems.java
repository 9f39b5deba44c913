package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.CommentNotFoundException;
import dev.talkback.comments.CommentRejectedException;
import dev.talkback.comments.CommentValidationException;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.CommentsException;
import dev.talkback.comments.CommentIdConflictException;
import dev.talkback.comments.ConcurrentEditException;
import dev.talkback.comments.EditNotAllowedException;
import dev.talkback.comments.RateLimitedException;
import dev.talkback.comments.ReadOnlyException;
import dev.talkback.comments.StoreUnavailableException;
import dev.talkback.comments.ThreadClosedException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response with a stable {@code code}
 * and a {@code detail} that says what to fix. A failure that is nobody's input (a bug) is logged and answered
 * 500 without details.
 */
final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  /** Retry-After when the store is unreachable and nothing better is known. */
  static final Duration STORE_RETRY = Duration.ofSeconds(30);

  private Problems() {}

  /** The problem response for a failure. */
  static Response of(Throwable t) {
    if (t instanceof HttpProblem p) {
      return build(p.status(), p.code(), p.title(), p.getMessage(), p.violations(), p.retryAfter());
    }
    if (t instanceof CommentsException e) {
      return fromCommentsException(e);
    }
    LOG.error("request failed with an unexpected exception", t);
    return build(500, "internal_error", "Internal error",
        "the server failed unexpectedly; the error is logged. Nothing you sent was lost if it was saved before this.",
        List.of(), null);
  }

  private static Response fromCommentsException(CommentsException e) {
    if (e instanceof CommentValidationException v) {
      return build(422, e.code(), "Invalid input", e.getMessage(), v.violations(), null);
    }
    if (e instanceof CommentNotFoundException) {
      return build(404, e.code(), "Comment not found", e.getMessage(), List.of(), null);
    }
    if (e instanceof EditNotAllowedException) {
      return build(403, e.code(), "Edit not allowed", e.getMessage(), List.of(), null);
    }
    if (e instanceof ThreadClosedException) {
      return build(403, e.code(), "Thread closed", e.getMessage(), List.of(), null);
    }
    if (e instanceof CommentIdConflictException) {
      return build(409, e.code(), "Conflict", e.getMessage(), List.of(), null);
    }
    if (e instanceof ConcurrentEditException) {
      return build(409, e.code(), "Conflict", e.getMessage(), List.of(), null);
    }
    if (e instanceof CommentRejectedException) {
      return build(422, e.code(), "Comment rejected", e.getMessage(), List.of(), null);
    }
    if (e instanceof RateLimitedException r) {
      return build(429, e.code(), "Too many requests", e.getMessage(), List.of(), r.retryAfter());
    }
    if (e instanceof ReadOnlyException r) {
      return build(503, e.code(), "Comments are read-only",
          e.getMessage() + "; keep your text and send it again later", List.of(), r.retryAfter());
    }
    if (e instanceof StoreUnavailableException) {
      LOG.warn("comment store unavailable: {}", e.getMessage());
      return build(503, e.code(), "Comments unavailable",
          "the comment database cannot be reached right now; try again shortly", List.of(), STORE_RETRY);
    }
    LOG.info("refused with {}: {}", e.code(), e.getMessage());
    return build(400, e.code(), "Request refused", e.getMessage(), List.of(), null);
  }

  /** Builds the problem document and response. */
  static Response build(int status, String code, String title, @Nullable String detail,
      List<Violation> violations, @Nullable Duration retryAfter) {
    ObjectNode o = Json.object();
    o.put("type", "https://talkback.dev/problems/" + code.replace('_', '-'));
    o.put("title", title);
    o.put("status", status);
    o.put("detail", detail == null ? title : detail);
    o.put("code", code);
    if (!violations.isEmpty()) {
      ArrayNode errors = o.putArray("errors");
      for (Violation v : violations) {
        errors.addObject().put("field", v.field()).put("message", v.message());
      }
    }
    Response r = Response.of(status, "application/problem+json", Json.bytes(o)).header("Cache-Control", "no-store");
    if (retryAfter != null) {
      o.put("retryAfter", seconds(retryAfter));
      r.body(Json.bytes(o)).header("Retry-After", Long.toString(seconds(retryAfter)));
    }
    return r;
  }

  /**
   * What a problem response says, as text for a reader: its detail and each invalid field; for a response
   * that is no problem document, its status.
   */
  static String detail(Response r) {
    try {
      com.fasterxml.jackson.databind.JsonNode o = Json.MAPPER.readTree(r.body());
      StringBuilder b = new StringBuilder(o.path("detail").asText("HTTP " + r.status()));
      for (com.fasterxml.jackson.databind.JsonNode e : o.path("errors")) {
        b.append("; ").append(e.path("field").asText()).append(": ").append(e.path("message").asText());
      }
      return b.toString();
    } catch (java.io.IOException | RuntimeException e) {
      return "HTTP " + r.status();
    }
  }

  static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
