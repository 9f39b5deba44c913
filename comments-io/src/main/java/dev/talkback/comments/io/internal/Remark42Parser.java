package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.talkback.comments.Author;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.io.ImportException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Remark42 backup: JSON lines, the first a header {@code {"version":1,"users":[...],"posts":[...]}}
 * (version 0 or 1; a post's {@code read_only} closes its thread), then one comment per line as Remark42
 * stores it: {@code id}, {@code pid} (the parent, empty for top-level), {@code text} (the rendered HTML),
 * {@code orig} (the Markdown as written, when present), {@code user} ({@code name}, {@code id}),
 * {@code locator.url} (the page; its thread), {@code title}, {@code time} and {@code edit.time} (RFC 3339),
 * {@code votes} (an up-vote is {@code true}) and {@code delete}. A deleted comment is imported DELETED,
 * everything else APPROVED (Remark42 has no pre-moderation). A user id becomes host user id
 * {@code remark42:<id>}; up-votes become likes.
 */
public final class Remark42Parser implements SourceParser {
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
      Map<String, Boolean> readOnly = header(p);
      Set<String> threads = new HashSet<>();
      JsonToken t;
      while ((t = JsonSource.next(p)) != null) {
        if (t != JsonToken.START_OBJECT) {
          throw JsonSource.at(p, "expected a JSON object per line, found " + t);
        }
        JsonLocation at = p.currentTokenLocation();
        comment(JsonSource.object(p), at.getLineNr(), at.getColumnNr(), readOnly, threads, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads the header line, streaming: its version and each post's {@code read_only}; the users are skipped,
   * so memory holds one flag per post.
   */
  private static Map<String, Boolean> header(JsonParser p) {
    JsonLocation h = p.currentTokenLocation();
    Map<String, Boolean> readOnly = new HashMap<>();
    long version = -1;
    while (JsonSource.require(p, "inside the header line") != JsonToken.END_OBJECT) {
      String field = JsonSource.name(p);
      JsonToken v = JsonSource.require(p, "inside the header line");
      switch (field) {
        case "version" -> version = v == JsonToken.VALUE_NUMBER_INT ? JsonSource.longValue(p) : -1;
        case "posts" -> {
          if (v != JsonToken.START_ARRAY) {
            throw JsonSource.at(p, "the header's \"posts\" must be an array");
          }
          JsonToken t;
          while ((t = JsonSource.require(p, "inside the header line")) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
              throw JsonSource.at(p, "expected a post object, found " + t);
            }
            Map<String, Object> post = JsonSource.object(p);
            String url = JsonSource.text(post, "url");
            if (url != null) {
              readOnly.put(url, JsonSource.bool(post, "read_only"));
            }
          }
        }
        case "id", "comments" -> throw notRemark42(h);
        default -> JsonSource.skip(p);
      }
    }
    if (version != 0 && version != 1) {
      throw notRemark42(h);
    }
    return readOnly;
  }

  private static ImportException notRemark42(JsonLocation h) {
    return new ImportException(h.getLineNr(), h.getColumnNr(),
        "not a Remark42 backup: the first line must be {\"version\":1,\"users\":[...],\"posts\":[...]}", null);
  }

  private void comment(Map<String, Object> o, long line, long column, Map<String, Boolean> readOnly,
      Set<String> threads, RecordSink sink) {
    String id = JsonSource.required(o, "id", line, column, "a comment");
    String url = JsonSource.required(JsonSource.child(o, "locator"), "url", line, column, "comment " + id + "'s locator");
    if (threads.add(url)) {
      ThreadKey key = ctx.keys().keyFor(url).orElse(null);
      String title = ctx.renderer().normalize(String.valueOf(o.getOrDefault("title", ""))).strip();
      sink.thread(new SourceThread(url, key, title, url.contains("://") ? url : null,
          readOnly.getOrDefault(url, false), false, line));
    }
    String parent = JsonSource.text(o, "pid");
    boolean deleted = JsonSource.bool(o, "delete");
    String orig = JsonSource.text(o, "orig");
    String html = JsonSource.text(o, "text");
    String text; // rendered and sanitized in the second pass
    String rendered = null;
    Format format;
    if (orig != null) {
      format = Format.MARKDOWN;
      text = orig;
    } else if (html != null) {
      format = Format.HTML;
      text = html;
    } else {
      // a deleted comment keeps no text in Remark42
      format = Format.PLAIN;
      text = "";
      rendered = "";
      if (!deleted) {
        sink.problem(new dev.talkback.comments.io.ImportProblem(line, column, id,
            "the comment has no text; kept with empty HTML"));
      }
    }
    Map<String, Object> user = JsonSource.child(o, "user");
    String userId = JsonSource.text(user, "id");
    Author author = ctx.author(JsonSource.text(user, "name"), null, null,
        userId == null || userId.equals("deleted") ? null : "remark42:" + userId);
    String edited = JsonSource.text(JsonSource.child(o, "edit"), "time");
    int likes = 0;
    for (Object vote : JsonSource.child(o, "votes").values()) {
      if (Boolean.TRUE.equals(vote)) {
        likes++;
      }
    }
    sink.comment(new ImportRecord(line, column, id, url, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : Ids.derive(ctx.site(), ctx.source(), parent), author, text, format,
        rendered, deleted ? CommentStatus.DELETED : CommentStatus.APPROVED,
        JsonSource.instant(JsonSource.required(o, "time", line, column, "comment " + id), line, column, id),
        edited == null ? null : JsonSource.instant(edited, line, column, id), likes, null, null));
  }
}
