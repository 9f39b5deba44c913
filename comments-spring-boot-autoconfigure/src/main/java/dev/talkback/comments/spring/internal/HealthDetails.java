package dev.talkback.comments.spring.internal;

import dev.talkback.comments.CommentsHealth;
import dev.talkback.comments.spi.StoreHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Actuator health indicators of both Boot generations report: always UP (read-only is a state the
 * blog keeps working in, with comments served from a replica or the cache and new ones queued or refused; a
 * load balancer must not take the node out for it), with the mode, what happens to new comments, the spool
 * depth and each database as details.
 */
public final class HealthDetails {
  private HealthDetails() {}

  /**
   * The details of a health report.
   *
   * @param h the service's health
   * @return the details, in a stable order
   */
  public static Map<String, Object> of(CommentsHealth h) {
    StoreHealth s = h.store();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mode", s.mode().name());
    d.put("newComments", s.newComments().name());
    d.put("spoolDepth", s.spoolDepth());
    s.since().ifPresent(t -> d.put("since", t.toString()));
    s.reason().ifPresent(r -> d.put("reason", r));
    s.lastError().ifPresent(e -> d.put("lastError", e));
    List<Map<String, Object>> dbs = new ArrayList<>();
    for (StoreHealth.Database db : s.databases()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", db.name());
      m.put("role", db.role().name());
      m.put("reachable", db.reachable());
      if (db.downSince() != null) {
        m.put("downSince", String.valueOf(db.downSince()));
      }
      if (db.lastError() != null) {
        m.put("lastError", String.valueOf(db.lastError()));
      }
      dbs.add(m);
    }
    if (!dbs.isEmpty()) {
      d.put("databases", dbs);
    }
    d.put("cacheHitRate", h.cache().hitRate());
    return d;
  }
}
