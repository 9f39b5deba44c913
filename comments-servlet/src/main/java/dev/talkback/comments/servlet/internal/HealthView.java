package dev.talkback.comments.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talkback.comments.CommentsHealth;
import dev.talkback.comments.StoreMode;
import dev.talkback.comments.spi.StoreHealth;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The one place the servlet reads the store's health: the write state readers are told about (the widget's
 * banner, the fragment, the moderation page) and the {@code /health} document.
 */
final class HealthView {
  private final CommentsAccess comments;
  private final Clock clock;
  private final @Nullable String healthToken;
  private volatile long writeStateCheckedAt = Long.MIN_VALUE;
  private volatile @Nullable String writeState;

  HealthView(CommentsAccess comments, @Nullable String healthToken) {
    this.comments = comments;
    this.healthToken = healthToken;
    this.clock = comments.clock();
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
      s = switch (comments.comments().health().store().newComments()) {
        case ACCEPTED -> null;
        case QUEUED -> "queued";
        case REFUSED -> "paused";
      };
    } catch (RuntimeException e) {
      s = "paused";
    }
    writeState = s;
    writeStateCheckedAt = now;
    return s;
  }

  /**
   * {@code GET /health}: 200 either way, {@code status} says whether the store is degraded. Only that, unless
   * the caller is a moderator of the site or sends the configured health token ({@code Authorization: Bearer
   * <token>}): the details name files, databases and driver errors.
   */
  Response health(Caller caller) {
    CommentsHealth h = comments.comments().health();
    ObjectNode o = Json.object();
    StoreHealth store = h.store();
    o.put("status", store.mode() == StoreMode.READ_WRITE ? "ok" : "degraded");
    if (!mayReadDetails(caller)) {
      return Json.response(200, o);
    }
    o.set("store", store(store));
    o.set("cache", Json.MAPPER.valueToTree(h.cache()));
    return Json.response(200, o);
  }

  private boolean mayReadDetails(Caller caller) {
    String token = healthToken;
    String auth = caller.request().header("Authorization");
    if (token != null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] sent = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(sent, token.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return caller.moderator();
  }

  private static ObjectNode store(StoreHealth h) {
    ObjectNode o = Json.object();
    o.put("mode", h.mode().name());
    o.put("since", h.since().map(Object::toString).orElse(null));
    o.put("reason", h.reason().orElse(null));
    o.put("newComments", h.newComments().name());
    o.put("spoolDepth", h.spoolDepth());
    o.put("lastError", h.lastError().orElse(null));
    o.put("spoolError", h.spoolError().orElse(null)); // the local disk, not the database
    ArrayNode dbs = o.putArray("databases");
    for (StoreHealth.Database db : h.databases()) {
      ObjectNode j = dbs.addObject();
      j.put("name", db.name());
      j.put("role", db.role().name());
      j.put("reachable", db.reachable());
      j.put("downSince", db.downSince() == null ? null : String.valueOf(db.downSince()));
      j.put("writable", db.writable());
      j.put("stale", db.stale());
      j.put("generation", db.generation());
      j.put("detail", db.detail());
      j.put("lastError", db.lastError());
    }
    ObjectNode d = o.putObject("details");
    h.details().forEach(d::put);
    return o;
  }
}
