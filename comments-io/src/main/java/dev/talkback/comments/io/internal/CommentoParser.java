package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Commento JSON export: {@code {"version":1,"comments":[...],"commenters":[...]}}. A comment has
 * {@code commentHex}, {@code domain} and {@code url} (the page's path: its thread), {@code commenterHex}
 * ({@code anonymous} or a commenter's), {@code markdown} (the text as written), {@code parentHex}
 * ({@code root} for top-level), {@code state} ({@code approved}, {@code unapproved} → PENDING,
 * {@code flagged} → SPAM), {@code creationDate} (RFC 3339), {@code score} (a positive one gives as many
 * likes) and {@code deleted} (→ DELETED). Commento's
 * exporter never writes {@code deleted} true (it does not select that column), so a comment whose text is
 * {@code [deleted]} by {@code anonymous}, as Commento's delete leaves it, is DELETED too. A commenter has
 * {@code commenterHex}, {@code name}, {@code email}, {@code link} ({@code undefined}, which Commento writes for
 * what was not given, is none). Commento writes the comments before the
 * commenters, so comments read before the commenters wait in a temporary file (one JSON line each) and are
 * read back once the commenters are known: memory holds the commenters only. The exporter joins the
 * commenters to the comments, so a commenter repeats once per comment; {@code null} arrays are empty.
 */
public final class CommentoParser implements SourceParser {
  private static final String LINE = "@line";
  private static final String COLUMN = "@column";
  private static final String ANONYMOUS = "anonymous";
  /** The text Commento leaves in a deleted comment. */
  private static final String DELETED_TEXT = "[deleted]";
  /** What Commento writes for a field a commenter did not give. */
  private static final String UNDEFINED = "undefined";
  /** The most likes a score gives: each becomes a stored like. */
  private static final long MAX_LIKES = 100_000;

  private final SourceContext ctx;

  /**
   * A parser for {@code ctx}.
   *
   * @param ctx the import context
   */
  public CommentoParser(SourceContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void parse(InputStream in, RecordSink sink) {
    Path waiting = null;
    JsonGenerator spool = null;
    try (JsonParser p = JsonSource.open(in)) {
      JsonSource.first(p, JsonToken.START_OBJECT,
          "the file is empty: a Commento export is one JSON object",
          "not a Commento export: it must be a JSON object, found ");
      Map<String, Author> commenters = null;
      Set<String> threads = new HashSet<>();
      boolean sawComments = false;
      while (JsonSource.require(p, "inside the export") != JsonToken.END_OBJECT) {
        String field = p.currentName();
        JsonToken v = JsonSource.require(p, "inside the export");
        switch (field) {
          case "version" -> {
            if (v != JsonToken.VALUE_NUMBER_INT || !"1".equals(p.getText())) {
              throw JsonSource.at(p, "unsupported Commento export version " + p.getText() + "; this reads version 1");
            }
          }
          case "commenters" -> commenters = commenters(p, v);
          case "comments" -> {
            sawComments = true;
            if (JsonSource.arrayOrNull(p, v, "\"comments\"")) { // null: none (Go's nil slice)
              JsonToken c;
              while ((c = JsonSource.require(p, "inside the comments")) != JsonToken.END_ARRAY) {
                if (c != JsonToken.START_OBJECT) {
                  throw JsonSource.at(p, "expected a comment object, found " + c);
                }
                JsonLocation at = p.currentTokenLocation();
                Map<String, Object> o = JsonSource.object(p);
                if (commenters != null) {
                  comment(o, at.getLineNr(), at.getColumnNr(), commenters, threads, sink);
                } else {
                  if (spool == null) {
                    waiting = Files.createTempFile("talkback-commento-", ".jsonl");
                    OutputStream out = Files.newOutputStream(waiting);
                    spool = JsonSource.FACTORY.createGenerator(out);
                  }
                  write(spool, o, at);
                }
              }
            }
          }
          default -> JsonSource.skip(p);
        }
      }
      JsonSource.end(p);
      if (!sawComments) {
        throw new ImportException(1, 1, "not a Commento export: it has no \"comments\" array", null);
      }
      if (spool != null && waiting != null) {
        spool.close();
        spool = null;
        readBack(waiting, commenters == null ? Map.of() : commenters, threads, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (spool != null) {
        try {
          spool.close();
        } catch (IOException ignored) {
          // the import failed already; the file is deleted next
        }
      }
      if (waiting != null) {
        try {
          Files.deleteIfExists(waiting);
        } catch (IOException ignored) {
          // a temporary file; the import's outcome does not depend on it
        }
      }
    }
  }

  private Map<String, Author> commenters(JsonParser p, JsonToken v) {
    Map<String, Author> commenters = new HashMap<>();
    JsonSource.objects(p, v, "\"commenters\"", "inside the commenters", "a commenter", o -> {
      String hex = JsonSource.text(o, "commenterHex");
      if (hex != null) {
        // Commento writes "undefined" for what a commenter did not give: a link, and in Commento++ the email
        // of a named anonymous commenter
        commenters.put(hex, ctx.author(JsonSource.text(o, "name"), defined(JsonSource.text(o, "email")),
            defined(JsonSource.text(o, "link")), null));
      }
    });
    return commenters;
  }

  private static void write(JsonGenerator g, Map<String, Object> o, JsonLocation at) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Object> e : o.entrySet()) {
      Object v = e.getValue();
      if (v instanceof String s) {
        g.writeStringField(e.getKey(), s);
      } else if (v instanceof Boolean b) {
        g.writeBooleanField(e.getKey(), b);
      } else if (v instanceof Long n) {
        g.writeNumberField(e.getKey(), n);
      } else if (v instanceof BigInteger n) {
        g.writeFieldName(e.getKey());
        g.writeNumber(n);
      }
      // nested values are not used
    }
    g.writeNumberField(LINE, at.getLineNr());
    g.writeNumberField(COLUMN, at.getColumnNr());
    g.writeEndObject();
    g.writeRaw('\n');
  }

  private void readBack(Path file, Map<String, Author> commenters, Set<String> threads, RecordSink sink)
      throws IOException {
    try (JsonParser p = JsonSource.open(Files.newInputStream(file))) {
      while (JsonSource.next(p) == JsonToken.START_OBJECT) {
        Map<String, Object> o = JsonSource.object(p);
        long line = o.get(LINE) instanceof Long l ? l : 0;
        long column = o.get(COLUMN) instanceof Long c ? c : 0;
        comment(o, line, column, commenters, threads, sink);
      }
    }
  }

  private static @Nullable String defined(@Nullable String s) {
    return s == null || s.equals(UNDEFINED) ? null : s;
  }

  /** The likes of a positive vote {@code score} (up-votes less down-votes), as for Remark42. */
  private static int likes(Map<String, Object> o) {
    return o.get("score") instanceof Long score && score > 0 ? (int) Math.min(score, MAX_LIKES) : 0;
  }

  private void comment(Map<String, Object> o, long line, long column, Map<String, Author> commenters,
      Set<String> threads, RecordSink sink) {
    String id = JsonSource.required(o, "commentHex", line, column, "a comment");
    String domain = JsonSource.text(o, "domain");
    String path = JsonSource.text(o, "url");
    if (path == null) {
      // Go's omitempty drops an empty path; without a domain there is no page to put the comment on
      path = "/";
      JsonSource.required(o, "domain", line, column, "comment " + id + " without \"url\" and");
      sink.problem(new ImportProblem(line, column, id, "the comment has no \"url\" (Commento leaves out an empty "
          + "path): imported on the domain's root page"));
    }
    String url = domain == null || path.contains("://") ? path : "https://" + domain + (path.startsWith("/") ? "" : "/")
        + path;
    if (threads.add(url)) {
      ThreadKey key = ctx.keys().keyFor(url).orElse(null);
      sink.thread(new SourceThread(url, key, "", url.contains("://") ? url : null, false, false, line));
    }
    String parent = JsonSource.text(o, "parentHex");
    if ("root".equals(parent)) {
      parent = null;
    }
    CommentStatus status = status(JsonSource.text(o, "state"), line, column, id, sink);
    String markdown = JsonSource.text(o, "markdown");
    String text = markdown == null ? "" : markdown; // rendered and sanitized in the second pass
    String hex = JsonSource.text(o, "commenterHex");
    // Commento's export does not select the deleted column, so every comment says "deleted": false; its
    // delete leaves the row as '[deleted]' by 'anonymous', which is how a deleted comment is known
    if (JsonSource.flag(o, "deleted", line, column, id, sink) || (DELETED_TEXT.equals(text) && ANONYMOUS.equals(hex))) {
      status = CommentStatus.DELETED;
    }
    Author author = author(hex, commenters, line, column, id, sink);
    sink.comment(new ImportRecord(line, column, id, url, Ids.derive(ctx.site(), ctx.source(), id),
        parent == null ? null : Ids.derive(ctx.site(), ctx.source(), parent), author, text, Format.MARKDOWN,
        null, status,
        JsonSource.instant(JsonSource.required(o, "creationDate", line, column, "comment " + id), line, column, id),
        null, likes(o), null, null));
  }

  private Author author(@Nullable String hex, Map<String, Author> commenters, long line, long column, String id,
      RecordSink sink) {
    if (hex == null || hex.equals(ANONYMOUS)) {
      return ctx.author("Anonymous", null, null, null);
    }
    Author a = commenters.get(hex);
    if (a == null) {
      sink.problem(new ImportProblem(line, column, id, "commenter " + hex + " is not in the file: imported as Anonymous"));
      return ctx.author("Anonymous", null, null, null);
    }
    return a;
  }

  private static CommentStatus status(@Nullable String state, long line, long column, String id, RecordSink sink) {
    String s = state == null ? "approved" : state.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "approved" -> CommentStatus.APPROVED;
      case "unapproved" -> CommentStatus.PENDING;
      case "flagged" -> CommentStatus.SPAM;
      default -> {
        sink.problem(new ImportProblem(line, column, id, "unknown state '" + state + "': imported as pending"));
        yield CommentStatus.PENDING;
      }
    };
  }
}
