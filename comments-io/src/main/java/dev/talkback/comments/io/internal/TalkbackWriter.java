package dev.talkback.comments.io.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.io.CommentKind;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Writes Talkback's JSON lines: one object per line, fields always in the same order, nulls written. */
public final class TalkbackWriter implements AutoCloseable {
  private final JsonGenerator g;

  /**
   * A writer on {@code out}, which {@link #close()} flushes but does not close.
   *
   * @param out where to write
   */
  public TalkbackWriter(OutputStream out) {
    try {
      this.g = TalkbackJson.FACTORY.createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.setRootValueSeparator(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The header line.
   *
   * @param site the site
   * @param exportedAt when the export was made
   */
  public void header(SiteId site, Instant exportedAt) {
    try {
      g.writeStartObject();
      g.writeStringField("talkback", TalkbackJson.MAGIC);
      g.writeNumberField("version", TalkbackJson.VERSION);
      g.writeStringField("site", site.value());
      g.writeStringField("exportedAt", exportedAt.toString());
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A thread line.
   *
   * @param t the thread
   */
  public void thread(ThreadInfo t) {
    try {
      g.writeStartObject();
      g.writeStringField("type", "thread");
      g.writeStringField("key", t.key().value());
      g.writeStringField("title", t.title());
      nullable("url", t.url());
      g.writeBooleanField("closed", t.closed());
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A comment line.
   *
   * @param c the comment
   */
  public void comment(Comment c) {
    try {
      CommentKind kind = CommentKind.of(c);
      g.writeStartObject();
      g.writeStringField("type", "comment");
      g.writeStringField("id", c.id().toString());
      g.writeStringField("thread", c.thread().value());
      nullable("parent", c.parentId().map(CommentId::toString).orElse(null));
      g.writeStringField("status", c.status().name());
      g.writeStringField("kind", kind.name().toLowerCase(Locale.ROOT));
      g.writeObjectFieldStart("author");
      g.writeStringField("name", c.author().name());
      nullable("email", c.author().email());
      nullable("website", c.author().website());
      nullable("userId", kind == CommentKind.COMMENT ? c.author().userId() : null);
      g.writeEndObject();
      g.writeStringField("source", c.source());
      g.writeStringField("format", c.format().name());
      g.writeStringField("html", c.html());
      g.writeStringField("created", c.created().toString());
      nullable("edited", c.edited().map(Instant::toString).orElse(null));
      g.writeNumberField("likes", c.likes());
      nullable("editTokenHash", c.editTokenHash().orElse(null));
      nullable("ipHash", c.ipHash().orElse(null));
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void nullable(String name, @Nullable String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  @Override
  public void close() {
    try {
      g.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
