package dev.talkback.comments.fallback;

import static dev.talkback.comments.fallback.Fixtures.SITE;
import static dev.talkback.comments.fallback.Fixtures.THREAD;
import static dev.talkback.comments.fallback.Fixtures.comment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.ThreadInfo;
import dev.talkback.comments.ThreadKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWriteSpoolTest {
  private static final Clock CLOCK = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("spool.log");
  }

  private FileWriteSpool open() {
    return FileWriteSpool.builder(file()).clock(CLOCK).build();
  }

  private static List<CommentId> ids(List<WriteSpool.Entry> entries) {
    return entries.stream().map(e -> e.comment().id()).collect(Collectors.toList());
  }

  private List<Path> siblings(String infix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().contains(infix)).collect(Collectors.toList());
    }
  }

  @Nested
  @DisplayName("Appending and acknowledging")
  class AppendAndAcknowledge {

    @Test
    @DisplayName("every field of an appended comment and its thread survives a reopen")
    void append_survivesReopen() {
      Comment parent = comment("first");
      Comment reply = Fixtures.fullReply(parent, "x".repeat(70_000) + " ☃ \u0000 end");
      try (FileWriteSpool spool = open()) {
        spool.append(THREAD, parent);
        spool.append(THREAD, reply);
        assertThat(spool.depth()).isEqualTo(2);
      }
      try (FileWriteSpool spool = open()) {
        List<WriteSpool.Entry> entries = spool.peek(10);
        assertThat(entries).extracting(WriteSpool.Entry::comment).containsExactly(parent, reply);
        assertThat(entries).extracting(WriteSpool.Entry::thread).containsOnly(THREAD);
        assertThat(entries.get(0).sequence()).isLessThan(entries.get(1).sequence());
        assertThat(spool.find(SITE, reply.id())).contains(reply);
        assertThat(spool.setAsideCount()).isZero();
      }
    }

    @Test
    @DisplayName("appending a comment id already waiting stores nothing and returns the waiting entry")
    void append_sameIdTwice() {
      Comment c = comment("once");
      try (FileWriteSpool spool = open()) {
        WriteSpool.Entry first = spool.append(THREAD, c);
        WriteSpool.Entry second = spool.append(THREAD, comment(c.id(), "an edited retry"));
        assertThat(second).isEqualTo(first);
        assertThat(spool.depth()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("a comment whose thread is not the given thread is refused")
    void append_threadMismatch() {
      try (FileWriteSpool spool = open()) {
        Comment c = comment("elsewhere");
        ThreadInfo other = ThreadInfo.of(SITE, ThreadKey.of("another-post"), "Another post");
        assertThatThrownBy(() -> spool.append(other, c))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not the comment's thread");
        assertThat(spool.depth()).isZero();
      }
    }

    @Test
    @DisplayName("acknowledging removes every entry up to the sequence, durably")
    void acknowledge_upToSequence() {
      List<Comment> comments = List.of(comment("a"), comment("b"), comment("c"));
      try (FileWriteSpool spool = open()) {
        comments.forEach(c -> spool.append(THREAD, c));
        spool.acknowledge(spool.peek(2).get(1).sequence());
        assertThat(ids(spool.peek(10))).containsExactly(comments.get(2).id());
        assertThat(spool.find(SITE, comments.get(0).id())).isEmpty();
      }
      try (FileWriteSpool spool = open()) {
        assertThat(ids(spool.peek(10))).containsExactly(comments.get(2).id());
      }
    }

    @Test
    @DisplayName("once every entry is acknowledged the file shrinks back to its header")
    void acknowledge_all() throws IOException {
      try (FileWriteSpool spool = open()) {
        spool.append(THREAD, comment("a"));
        WriteSpool.Entry last = spool.append(THREAD, comment("b"));
        spool.acknowledge(last.sequence());
        assertThat(spool.depth()).isZero();
        assertThat(Files.size(file())).isEqualTo(FileWriteSpool.HEADER.length);
        WriteSpool.Entry next = spool.append(THREAD, comment("c"));
        assertThat(next.sequence()).isGreaterThan(last.sequence());
      }
      try (FileWriteSpool spool = open()) {
        assertThat(spool.depth()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("a crash between storing an entry and acknowledging it replays the entry again")
    void acknowledge_crashBeforeAck() {
      Comment c = comment("stored, not acknowledged");
      try (FileWriteSpool spool = open()) {
        spool.append(THREAD, c);
        assertThat(spool.peek(1)).hasSize(1); // the replayer took it ... and the process died here
      }
      try (FileWriteSpool spool = open()) {
        assertThat(spool.peek(1)).extracting(WriteSpool.Entry::comment).containsExactly(c);
      }
    }

    @Test
    @DisplayName("a full spool refuses the next comment and keeps the ones it has")
    void append_full() {
      try (FileWriteSpool spool = FileWriteSpool.builder(file()).maxDepth(2).build()) {
        spool.append(THREAD, comment("a"));
        spool.append(THREAD, comment("b"));
        assertThatThrownBy(() -> spool.append(THREAD, comment("c")))
            .isInstanceOf(SpoolFullException.class)
            .hasMessageContaining("already holds 2 comments");
        assertThat(spool.depth()).isEqualTo(2);
      }
    }

    @Test
    @DisplayName("a refused entry is set aside in a .rejected spool, with the entries behind it kept")
    void setAside_movesToRejected() {
      Comment bad = comment("refused");
      Comment good = comment("fine");
      try (FileWriteSpool spool = open()) {
        WriteSpool.Entry e = spool.append(THREAD, bad);
        spool.append(THREAD, good);
        spool.setAside(e.sequence(), "constraint violated");
        assertThat(ids(spool.peek(10))).containsExactly(good.id());
        assertThat(spool.setAsideCount()).isEqualTo(1);
      }
      try (FileWriteSpool spool = open()) {
        assertThat(ids(spool.peek(10))).containsExactly(good.id());
      }
      try (FileWriteSpool rejected = FileWriteSpool.open(dir.resolve("spool.log.rejected"))) {
        assertThat(rejected.peek(10)).extracting(WriteSpool.Entry::comment).containsExactly(bad);
      }
    }
  }

  @Nested
  @DisplayName("Opening a damaged or foreign file")
  class Damage {

    @Test
    @DisplayName("a torn tail at every cut in the last entry (and every 7th byte before) keeps the whole entries")
    void open_tornTailAtEveryCut() throws IOException {
      List<Comment> comments = List.of(comment("one"), comment("two"), comment("three"));
      List<Long> ends = new ArrayList<>();
      try (FileWriteSpool spool = open()) {
        for (Comment c : comments) {
          spool.append(THREAD, c);
          ends.add(Files.size(file()));
        }
      }
      byte[] whole = Files.readAllBytes(file());
      long lastStart = ends.get(ends.size() - 2);
      for (int cut = FileWriteSpool.HEADER.length; cut < whole.length; cut += cut < lastStart ? 7 : 1) {
        Path f = dir.resolve("cut-" + cut + ".log");
        Files.write(f, java.util.Arrays.copyOf(whole, cut));
        int expected = 0;
        while (expected < ends.size() && ends.get(expected) <= cut) {
          expected++;
        }
        try (FileWriteSpool spool = FileWriteSpool.builder(f).clock(CLOCK).build()) {
          assertThat(ids(spool.peek(10)))
              .as("cut at %d", cut)
              .containsExactlyElementsOf(
                  comments.subList(0, expected).stream().map(Comment::id).collect(Collectors.toList()));
          boolean torn = cut != FileWriteSpool.HEADER.length && !ends.contains((long) cut);
          assertThat(spool.setAsideCount()).as("cut at %d", cut).isEqualTo(torn ? 1 : 0);
        }
      }
    }

    @Test
    @DisplayName("garbage after the last entry is moved to a .corrupt file, logged, and the journal rewritten")
    void open_garbageTail() throws IOException {
      Comment c = comment("kept");
      try (FileWriteSpool spool = open()) {
        spool.append(THREAD, c);
      }
      long good = Files.size(file());
      byte[] garbage = "this is not a record, a disk wrote junk here".getBytes();
      Files.write(file(), garbage, java.nio.file.StandardOpenOption.APPEND);
      try (FileWriteSpool spool = open()) {
        assertThat(spool.peek(10)).extracting(WriteSpool.Entry::comment).containsExactly(c);
        assertThat(spool.setAsideCount()).isEqualTo(1);
        spool.append(THREAD, comment("after the damage"));
      }
      List<Path> corrupt = siblings(".corrupt-");
      assertThat(corrupt).hasSize(1);
      assertThat(corrupt.get(0).getFileName().toString()).isEqualTo("spool.log.corrupt-20250301T101530.123Z");
      assertThat(Files.readAllBytes(corrupt.get(0))).isEqualTo(garbage);
      try (FileWriteSpool spool = open()) {
        assertThat(spool.depth()).isEqualTo(2);
        assertThat(spool.setAsideCount()).isZero();
      }
      assertThat(Files.size(file())).isGreaterThan(good);
    }

    @Test
    @DisplayName("a damaged entry in the middle is set aside and the entries after it are kept")
    void open_corruptMiddle() throws IOException {
      List<Comment> comments = List.of(comment("before"), comment("damaged"), comment("after"));
      long[] starts = new long[3];
      try (FileWriteSpool spool = open()) {
        for (int i = 0; i < 3; i++) {
          starts[i] = Files.size(file());
          spool.append(THREAD, comments.get(i));
        }
      }
      try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "rw")) {
        long at = starts[1] + 40; // inside the second entry's payload
        raf.seek(at);
        int b = raf.read();
        raf.seek(at);
        raf.write(b ^ 0x5a);
      }
      try (FileWriteSpool spool = open()) {
        assertThat(ids(spool.peek(10))).containsExactly(comments.get(0).id(), comments.get(2).id());
        assertThat(spool.setAsideCount()).isEqualTo(1);
      }
      List<Path> corrupt = siblings(".corrupt-");
      assertThat(corrupt).hasSize(1);
      assertThat(Files.size(corrupt.get(0))).isEqualTo(starts[2] - starts[1]);
    }

    @Test
    @DisplayName("a file that is not a spool is refused, untouched")
    void open_notASpool() throws IOException {
      Files.writeString(file(), "id,text\n1,hello\n");
      assertThatThrownBy(FileWriteSpoolTest.this::open)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("not a Talkback write spool");
      assertThat(Files.readString(file())).isEqualTo("id,text\n1,hello\n");
    }

    @Test
    @DisplayName("an empty file (creation cut short) opens as an empty spool")
    void open_emptyFile() throws IOException {
      Files.write(file(), new byte[] {'T', 'B', 'S'});
      try (FileWriteSpool spool = open()) {
        assertThat(spool.depth()).isZero();
        spool.append(THREAD, comment("works"));
      }
      try (FileWriteSpool spool = open()) {
        assertThat(spool.depth()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("a spool open in this process cannot be opened a second time")
    void open_twice() {
      try (FileWriteSpool spool = open()) {
        assertThatThrownBy(FileWriteSpoolTest.this::open)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already open");
        spool.append(THREAD, comment("still usable"));
        assertThat(spool.depth()).isEqualTo(1);
      }
    }
  }

  @Test
  void find_unknownId() {
    try (FileWriteSpool spool = open()) {
      assertThat(spool.find(SITE, CommentId.of(UUID.randomUUID()))).isEmpty();
    }
  }
}
