package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.talkback.comments.Author;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ImportException;
import dev.talkback.comments.io.ImportProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Remark42 backup: JSON lines, the first a header {@code {"version":1,"users":[...],"posts":[...]}}
 * (version 0 or 1; a post's {@code read_only} closes its thread), then one comment per line as Remark42
 * stores it: {@code id}, {@code pid} (the parent, empty for top-level), {@code text} (the rendered HTML),
 * {@code orig} (the Markdown as written, when present), {@code user} ({@code name}, {@code id}),
 * {@code locator.url} (the page; its thread), {@code title}, {@code time} and {@code edit.time} (RFC 3339),
 * {@code votes} (an up-vote is {@code true}; without them the positive {@code score}) and {@code delete}.
 * Remark42 stores {@code orig} and the user's name HTML-escaped (bluemonday's {@code Sanitize}, Go's
 * {@code template.HTMLEscapeString}); both are read back once, so a {@code > quote} is a quote again. A
 * deleted comment, and a comment of a user blocked for good ({@code user.block}, or blocked in the header's
 * {@code users} until further than {@value #PERMANENT_YEARS} years ahead: Remark42 sets a permanent block a
 * hundred years ahead), is imported DELETED, everything else APPROVED (Remark42 has no pre-moderation); a block
 * that ends hides the comments only while it lasts, so they are imported as they are and the block is
 * reported. The header's {@code users[].details.email} (what a reply-notification subscriber gave) is the
 * author's email. A user id becomes host user id {@code remark42:<id>}; up-votes become likes. A thread's title
 * is the first comment's that has one. Backups come gzipped too ({@link Gzip}); the comments of several sites
 * in one file all go into the importer's site (reported).
 */
public final class Remark42Parser implements SourceParser {
  /** The most likes a score gives: each becomes a stored like. */
  private static final long MAX_LIKES = 100_000;
  /** A block that ends further ahead than this is permanent (Remark42 sets a permanent one 100 years ahead). */
  static final int PERMANENT_YEARS = 20;
  /** In the map of threads met: a thread a comment has named. */
  private static final long TITLED = -1;

  private final SourceContext ctx;

  /**
   * A parser for {@code ctx}.
   *
   * @param ctx the import context
   */
  public Remark42Parser(SourceContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void parse(InputStream in, RecordSink sink) {
    try (JsonParser p = JsonSource.open(in)) {
      JsonSource.first(p, JsonToken.START_OBJECT,
          "the file is empty: a Remark42 backup starts with {\"version\":1,...}",
          "not a Remark42 backup: expected a JSON object per line, found ");
      Header header = header(p, sink);
      Map<String, Long> threads = new HashMap<>();
      Set<String> sites = new HashSet<>();
      JsonToken t;
      while ((t = JsonSource.next(p)) != null) {
        if (t != JsonToken.START_OBJECT) {
          throw JsonSource.at(p, "expected a JSON object per line, found " + t);
        }
        JsonLocation at = p.currentTokenLocation();
        comment(JsonSource.object(p), at.getLineNr(), at.getColumnNr(), header, threads, sites, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the header line says: each read-only post, the users blocked for good and those blocked for a
   * while when the backup was made, and the users' emails.
   */
  private record Header(Map<String, Boolean> readOnly, Set<String> blocked, Set<String> blockedForAWhile,
      Map<String, String> emails) {}

  /**
   * Reads the header line, streaming: its version, each post's {@code read_only}, each user's
   * {@code blocked} and {@code details.email}, so memory holds one flag per post, the ids of the blocked users
   * and one email per user who gave one. A block that ends is reported here, once per user.
   */
  private static Header header(JsonParser p, RecordSink sink) {
    JsonLocation h = p.currentTokenLocation();
    Map<String, Boolean> readOnly = new HashMap<>();
    Set<String> blocked = new HashSet<>();
    Set<String> blockedForAWhile = new HashSet<>();
    Map<String, String> emails = new HashMap<>();
    Instant now = Instant.now();
    Instant forGood = now.atOffset(ZoneOffset.UTC).plusYears(PERMANENT_YEARS).toInstant();
    long version = -1;
    while (JsonSource.require(p, "inside the header line") != JsonToken.END_OBJECT) {
      String field = JsonSource.name(p);
      JsonToken v = JsonSource.require(p, "inside the header line");
      switch (field) {
        case "version" -> version = v == JsonToken.VALUE_NUMBER_INT ? JsonSource.longValue(p) : -1;
        case "users" -> JsonSource.objects(p, v, "the header's \"users\"", "inside the header line", "a user",
            user -> {
              String id = JsonSource.text(user, "id");
              if (id == null) {
                return;
              }
              String email = JsonSource.text(JsonSource.child(user, "details"), "email");
              if (email != null) {
                emails.put(id, email);
              }
              Map<String, Object> block = JsonSource.child(user, "blocked");
              if (JsonSource.bool(block, "status")) {
                Instant until = until(JsonSource.text(block, "until"));
                if (until == null || until.isAfter(forGood)) {
                  blocked.add(id);
                } else {
                  blockedForAWhile.add(id);
                  if (until.isAfter(now)) {
                    sink.problem(new ImportProblem(h.getLineNr(), h.getColumnNr(), id, "the user is blocked until "
                        + until + ", not for good: their comments are imported as they are "
                        + "(block them in Talkback to hide them)"));
                  }
                }
              }
            });
        case "posts" -> JsonSource.objects(p, v, "the header's \"posts\"", "inside the header line", "a post",
            post -> {
              String url = JsonSource.text(post, "url");
              if (url != null) {
                readOnly.put(url, JsonSource.bool(post, "read_only"));
              }
            });
        case "id", "comments" -> throw notRemark42(h);
        default -> JsonSource.skip(p);
      }
    }
    if (version != 0 && version != 1) {
      throw notRemark42(h);
    }
    return new Header(readOnly, blocked, blockedForAWhile, emails);
  }

  /**
   * When a block ends, or null when that is not given, not a time, or Go's zero time ({@code 0001-01-01},
   * what Go writes for a time never set): taken as a block for good.
   */
  private static @Nullable Instant until(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(s);
      return t.getYear() <= 1 ? null : t.toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ImportException notRemark42(JsonLocation h) {
    return new ImportException(h.getLineNr(), h.getColumnNr(),
        "not a Remark42 backup: the first line must be {\"version\":1,\"users\":[...],\"posts\":[...]}", null);
  }

  /**
   * One comment line. {@code threads} holds each thread met so far with the line of its first comment, or
   * {@link #TITLED} once a comment has named it; a thread is given to the sink again when a later comment is the
   * first to carry a title (Remark42 writes one only once it could read the page's).
   */
  private void comment(Map<String, Object> o, long line, long column, Header header, Map<String, Long> threads,
      Set<String> sites, RecordSink sink) {
    String id = JsonSource.required(o, "id", line, column, "a comment");
    Map<String, Object> locator = JsonSource.child(o, "locator");
    String url = JsonSource.required(locator, "url", line, column, "comment " + id + "'s locator");
    String site = JsonSource.text(locator, "site");
    if (site != null && sites.add(site) && sites.size() > 1) {
      sink.problem(new ImportProblem(line, column, id, "the backup holds comments of more than one Remark42 site; "
          + "those of site '" + site + "', from here on, are imported into this site too (a page with the same URL "
          + "on two sites is one thread)"));
    }
    Map<String, Boolean> readOnly = header.readOnly();
    Long first = threads.get(url);
    if (first == null || first != TITLED) {
      String title = o.get("title") instanceof String t ? ctx.renderer().normalize(t).strip() : "";
      if (first == null || !title.isEmpty()) {
        ThreadKey key = ctx.keys().keyFor(url).orElse(null);
        long at = first == null ? line : first;
        sink.thread(new SourceThread(url, key, title, url.contains("://") ? url : null,
            readOnly.getOrDefault(url, false), false, at));
        threads.put(url, title.isEmpty() ? at : TITLED);
      }
    }
    String parent = JsonSource.text(o, "pid");
    Map<String, Object> user = JsonSource.child(o, "user");
    String userId = JsonSource.text(user, "id");
    // a blocked user's comments are hidden from readers (older Remark42 also marks them deleted in backups);
    // a block that ends hides them only while it lasts
    boolean blockedForAWhile = userId != null && header.blockedForAWhile().contains(userId);
    boolean blocked = (JsonSource.flag(user, "block", line, column, id, sink) && !blockedForAWhile)
        || (userId != null && header.blocked().contains(userId));
    boolean deleted = JsonSource.flag(o, "delete", line, column, id, sink) || blocked;
    String orig = JsonSource.text(o, "orig");
    String html = JsonSource.text(o, "text");
    String text; // rendered and sanitized in the second pass
    String rendered = null;
    Format format;
    if (orig != null) {
      format = Format.MARKDOWN;
      text = HtmlText.unescape(orig); // stored through bluemonday, which escapes the text
    } else if (html != null) {
      format = Format.HTML;
      text = html;
    } else {
      // a deleted comment keeps no text in Remark42
      format = Format.PLAIN;
      text = "";
      rendered = "";
      if (!deleted) {
        sink.problem(new ImportProblem(line, column, id,
            "the comment has no text; kept with empty HTML"));
      }
    }
    String name = JsonSource.text(user, "name");
    boolean known = userId != null && !userId.equals("deleted");
    Author author = ctx.author(name == null ? null : HtmlText.unescape(name),
        known ? header.emails().get(userId) : null, null, known ? "remark42:" + userId : null);
    String edited = JsonSource.text(JsonSource.child(o, "edit"), "time");
    int likes = likes(o);
    sink.comment(new ImportRecord(line, column, id, url, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : Ids.derive(ctx.site(), ctx.source(), parent), author, text, format,
        rendered, deleted ? CommentStatus.DELETED : CommentStatus.APPROVED,
        JsonSource.instant(JsonSource.required(o, "time", line, column, "comment " + id), line, column, id),
        edited == null ? null : JsonSource.instant(edited, line, column, id), likes, null, null));
  }

  /**
   * The up-votes ({@code true} in {@code votes}); a backup of a current Remark42 has no {@code votes} (its
   * service clears them before the export sees them), and then the {@code score} (up-votes less
   * down-votes) counts, when positive.
   */
  private static int likes(Map<String, Object> o) {
    if (o.get("votes") instanceof Map<?, ?> votes) {
      int likes = 0;
      for (Object vote : votes.values()) {
        if (Boolean.TRUE.equals(vote)) {
          likes++;
        }
      }
      return likes;
    }
    return o.get("score") instanceof Long score && score > 0 ? (int) Math.min(score, MAX_LIKES) : 0;
  }
}
