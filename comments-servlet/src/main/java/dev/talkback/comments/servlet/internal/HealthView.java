package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.CommentsHealth;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.spi.StoreHealth;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The one place the servlet reads the store's health: the write state readers are told about (the widget's
 * banner, the fragment, the moderation page) and the {@code /health} document.
 */
final class HealthView {
  private final CommentsAccess comments;
  private final Clock clock;
  private final String readOnlyWrites;
  private volatile long writeStateCheckedAt = Long.MIN_VALUE;
  private volatile @Nullable String writeState;

  HealthView(CommentsAccess comments, String readOnlyWrites) {
    this.comments = comments;
    this.clock = comments.clock();
    this.readOnlyWrites = readOnlyWrites;
  }

  /**
   * The write state the widget shows: {@code null} when writable, else "queued" or "paused". Checked at most
   * once a second.
   */
  @Nullable String writeState() {
    long now = clock.millis();
    long checked = writeStateCheckedAt;
    if (checked != Long.MIN_VALUE && now >= checked && now - checked < 1000) {
      return writeState;
    }
    String s;
    try {
      StoreHealth h = comments.comments().health().store();
      if (h.mode() == StoreMode.READ_WRITE) {
        s = null;
      } else {
        String policy = h.details().getOrDefault("writePolicy", "");
        if (policy.equalsIgnoreCase("REJECT")) {
          s = "paused";
        } else if (policy.equalsIgnoreCase("SPOOL")) {
          s = "queued";
        } else {
          s = readOnlyWrites;
        }
      }
    } catch (RuntimeException e) {
      s = "paused";
    }
    writeState = s;
    writeStateCheckedAt = now;
    return s;
  }

  /** {@code GET /health}: 200 either way, {@code status} says whether the store is degraded. */
  Response health() {
    CommentsHealth h = comments.comments().health();
    ObjectNode o = Json.object();
    StoreHealth store = h.store();
    o.put("status", store.mode() == StoreMode.READ_WRITE ? "ok" : "degraded");
    o.set("store", store(store));
    o.set("cache", Json.MAPPER.valueToTree(h.cache()));
    return Json.response(200, o);
  }

  private static ObjectNode store(StoreHealth h) {
    ObjectNode o = Json.object();
    o.put("mode", h.mode().name());
    o.put("since", h.since() == null ? null : String.valueOf(h.since()));
    o.put("reason", h.reason());
    o.put("spoolDepth", h.spoolDepth());
    o.put("lastError", h.lastError());
    ObjectNode d = o.putObject("details");
    h.details().forEach(d::put);
    return o;
  }
}
