package dev.talkback.comments.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.Format;
import dev.talkback.comments.io.ImportProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool gives back every record exactly as it was added, in order, whatever its fields hold: nulls,
 * non-ASCII and emoji, values longer than {@link SpoolInput}'s read window, records that straddle its
 * boundary; and its id index finds the ids used in more than one thread.
 */
class SpoolTest {
  private static final List<Format> FORMATS = List.of(Format.PLAIN, Format.MARKDOWN, Format.HTML);
  private static final List<CommentStatus> STATUSES = List.of(CommentStatus.APPROVED, CommentStatus.PENDING,
      CommentStatus.SPAM, CommentStatus.DELETED);

  @TempDir Path dir;

  private static ImportRecord record(int i, String thread, String text, boolean nulls) {
    String html = nulls ? null : "<p>" + text + "</p>";
    return new ImportRecord(i + 1L, i % 7, "orig-" + i, thread, new CommentId(new UUID(i * 31L, -i)),
        nulls ? null : new CommentId(new UUID(-1L, i)),
        new Author("Zoë " + i + " 名前 😀", nulls ? null : "a" + i + "@example.com", nulls ? null : "https://x.test/" + i,
            nulls ? null : "u" + i),
        text, FORMATS.get(i % FORMATS.size()), html,
        STATUSES.get(i % STATUSES.size()),
        Instant.ofEpochSecond(1_400_000_000L + i, i * 1_000L), nulls ? null : Instant.ofEpochSecond(-5L, 999_999_999L),
        i % 4, nulls ? null : "tok" + i, nulls ? null : "ip" + i);
  }

  @Test
  void bucket_returnsEveryRecordAsAdded_includingLongAndUnicodeValues() {
    List<ImportRecord> added = new ArrayList<>();
    String huge = "é😀<b>x</b>\t".repeat(40_000); // 440,000 chars: several read windows in one value
    try (Spool spool = new Spool(dir)) {
      for (int i = 0; i < 3_000; i++) {
        String text = i == 1_234 ? huge : "body " + i + " ".repeat(i % 97) + "ünïcödé 💬";
        ImportRecord r = record(i, "thread-" + (i % 3), text, i % 5 == 0);
        added.add(r);
        if (i % 2 == 0) {
          spool.add(r);
        } else {
          spool.add(r, Spool.serialize(r));
        }
      }
      spool.flush();
      assertThat(spool.count()).isEqualTo(3_000);
      List<ImportRecord> read = new ArrayList<>();
      for (int b = 0; b < spool.buckets(); b++) {
        read.addAll(spool.bucket(b));
      }
      assertThat(read).containsExactlyInAnyOrderElementsOf(added);
      for (String thread : List.of("thread-0", "thread-1", "thread-2")) {
        assertThat(read.stream().filter(r -> r.threadRef().equals(thread)).toList()).as("in the order added")
            .containsExactlyElementsOf(added.stream().filter(r -> r.threadRef().equals(thread)).toList());
      }
      assertThat(read).anyMatch(r -> r.source().equals(huge));
    }
    assertThat(dir.toFile().list()).as("close deletes the spool").isEmpty();
  }

  @Test
  void repeatedIds_areTheIdsOfMoreThanOneThread() {
    try (Spool spool = new Spool(dir)) {
      for (int i = 0; i < 2_000; i++) {
        spool.add(record(i, "t-" + i, "x", false));
      }
      ImportRecord again = record(77, "t-" + "u".repeat(70_000), "y", false); // a ref longer than the window
      spool.add(again);
      spool.flush();
      List<ImportProblem> problems = new ArrayList<>();
      Map<CommentId, String> repeats = spool.repeatedIds(problems::add);
      assertThat(repeats).containsExactly(Map.entry(again.id(), "t-77"));
      assertThat(problems).singleElement().satisfies(p -> {
        assertThat(p.line()).isEqualTo(78);
        assertThat(p.recordId()).isEqualTo("orig-77");
      });
    }
  }

  @Test
  void bucket_ofAnEmptySpoolIsEmpty() throws Exception {
    try (Spool spool = new Spool(dir)) {
      spool.flush();
      assertThat(spool.bucket(0)).isEmpty();
    }
    assertThat(Files.list(dir).count()).isZero();
  }
}
