package dev.talkback.comments.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.talkback.comments.CommentStatus;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.memory.InMemoryCommentStore;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files of the JSON formats that are wrong in ways their own programs would not write: another format, a
 * byte-order mark, nulls and wrong types in every field. Each either imports with its problems reported or
 * is refused with an {@link ImportException} that names a position; nothing else escapes.
 */
class JsonBadFilesTest {
  static final List<ImportFormat> JSON =
      List.of(ImportFormat.TALKBACK, ImportFormat.COMMENTO, ImportFormat.ISSO, ImportFormat.REMARK42);

  final InMemoryCommentStore store = new InMemoryCommentStore();
  final Importer importer = Importer.builder().store(store).build();

  /** One small, good file per JSON format. */
  static String good(ImportFormat format) {
    return switch (format) {
      case TALKBACK -> TalkbackImportTest.HEADER
          + "{\"type\":\"thread\",\"key\":\"a\",\"title\":\"A\",\"url\":null,\"closed\":false}\n"
          + TalkbackImportTest.comment(1, "a", 0, "one", "PLAIN");
      case COMMENTO -> CommentoImportTest.goExport();
      case ISSO -> JsonFixtures.text("isso.json");
      case REMARK42 -> Remark42ImportTest.backup();
      default -> throw new IllegalArgumentException(format.name());
    };
  }

  static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  void assertNothingStored() {
    for (CommentStatus s : CommentStatus.values()) {
      assertThat(store.byStatus(SiteId.DEFAULT, s, 10)).isEmpty();
    }
  }

  @Test
  void eachJsonFormatReadAsAnother_isAnImportExceptionWithAPosition() {
    for (ImportFormat written : JSON) {
      for (ImportFormat readAs : JSON) {
        if (written == readAs) {
          continue;
        }
        Throwable t = catchThrowable(() -> importer.importStream(readAs, bytes(good(written))));
        assertThat(t).as(written + " read as " + readAs).isInstanceOf(ImportException.class);
        assertThat(((ImportException) t).line()).as(written + " read as " + readAs).isPositive();
        assertNothingStored();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"TALKBACK", "COMMENTO", "ISSO", "REMARK42"})
  void byteOrderMark_isSkipped(ImportFormat format) {
    ImportReport plain = importer.dryRun(format, bytes(good(format)));
    ImportReport withBom = importer.dryRun(format, bytes("\uFEFF" + good(format)));

    assertThat(withBom.comments()).isEqualTo(plain.comments()).isPositive();
    assertThat(ImportFormat.detect(("\uFEFF" + good(format)).getBytes(StandardCharsets.UTF_8))).contains(format);
  }

  @ParameterizedTest
  @EnumSource(names = {"TALKBACK", "COMMENTO", "ISSO", "REMARK42"})
  void gzipped_isReadLikeThePlainFile(ImportFormat format) {
    ImportReport plain = importer.dryRun(format, bytes(good(format)));
    ImportReport gz = importer.dryRun(format, new ByteArrayInputStream(CommentoImportTest.gzip(good(format))));

    assertThat(gz.comments()).isEqualTo(plain.comments()).isPositive();
    assertThat(gz.byStatus()).isEqualTo(plain.byStatus());
  }

  /** A record of each format with every field null: refused with its position, never a surprise. */
  @Test
  void everyFieldNull_isRefusedWithAPosition() {
    Map<ImportFormat, String> files = Map.of(
        ImportFormat.TALKBACK, TalkbackImportTest.HEADER
            + "{\"type\":\"comment\",\"id\":null,\"thread\":null,\"parent\":null,\"status\":null,\"kind\":null,"
            + "\"author\":null,\"source\":null,\"format\":null,\"html\":null,\"created\":null,\"edited\":null,"
            + "\"likes\":null,\"editTokenHash\":null,\"ipHash\":null}\n",
        ImportFormat.COMMENTO, "{\"version\":1,\"comments\":[{\"commentHex\":null,\"domain\":null,\"url\":null,"
            + "\"commenterHex\":null,\"markdown\":null,\"html\":null,\"parentHex\":null,\"score\":null,\"state\":null,"
            + "\"creationDate\":null,\"direction\":null,\"deleted\":null}],\"commenters\":[]}",
        ImportFormat.ISSO, "[{\"id\":\"/a/\",\"title\":null,\"comments\":[{\"id\":null,\"author\":null,\"email\":null,"
            + "\"website\":null,\"remote_addr\":null,\"created\":null,\"text\":null}]}]",
        ImportFormat.REMARK42, "{\"version\":1,\"users\":null,\"posts\":null}\n{\"id\":null,\"pid\":null,\"text\":null,"
            + "\"orig\":null,\"user\":null,\"locator\":null,\"score\":null,\"votes\":null,\"controversy\":null,"
            + "\"time\":null,\"edit\":null,\"pin\":null,\"delete\":null,\"imported\":null,\"title\":null}\n");
    files.forEach((format, text) -> {
      Throwable t = catchThrowable(() -> importer.importStream(format, bytes(text)));
      assertThat(t).as(format.id()).isInstanceOf(ImportException.class);
      assertThat(((ImportException) t).line()).as(format.id()).isPositive();
    });
    assertNothingStored();
  }

  /** The same records with only the id and what makes a record given: imported, the rest absent. */
  @Test
  void everyOptionalFieldNull_importsTheRecord() {
    String commento = "{\"version\":1,\"comments\":[{\"commentHex\":\"x1\",\"domain\":null,\"url\":\"/a\","
        + "\"commenterHex\":null,\"markdown\":null,\"html\":null,\"parentHex\":null,\"score\":null,\"state\":null,"
        + "\"creationDate\":\"2020-01-01T00:00:00Z\",\"direction\":null,\"deleted\":null}],\"commenters\":null}";
    String isso = "[{\"id\":\"/a/\",\"title\":null,\"comments\":[{\"id\":1,\"author\":null,\"email\":null,"
        + "\"website\":null,\"remote_addr\":null,\"created\":\"2020-01-01 00:00:00\",\"text\":\"hi\"}]}]";
    String remark = "{\"version\":1,\"users\":null,\"posts\":null}\n{\"id\":\"x1\",\"pid\":null,\"text\":\"hi\","
        + "\"orig\":null,\"user\":null,\"locator\":{\"site\":null,\"url\":\"https://x.example/a\"},\"score\":null,"
        + "\"votes\":null,\"controversy\":null,\"time\":\"2020-01-01T00:00:00Z\",\"edit\":null,\"pin\":null,"
        + "\"delete\":null,\"imported\":null,\"title\":null}\n";

    assertThat(importer.importStream(ImportFormat.COMMENTO, bytes(commento)).comments()).isEqualTo(1);
    assertThat(importer.importStream(ImportFormat.ISSO, bytes(isso)).comments()).isEqualTo(1);
    assertThat(importer.importStream(ImportFormat.REMARK42, bytes(remark)).comments()).isEqualTo(1);
  }

  @Test
  void numbersWhereTextIsExpectedAndTheReverse_areReadOrRefusedWithAPosition() {
    String commento = "{\"version\":1,\"comments\":[{\"commentHex\":12345678901234567890123,\"url\":\"/a\","
        + "\"commenterHex\":\"anonymous\",\"markdown\":\"hi\",\"parentHex\":\"root\",\"score\":\"3\",\"state\":\"approved\","
        + "\"creationDate\":\"2020-01-01T00:00:00Z\",\"direction\":1e400}],\"commenters\":[]}";
    String remarkTime = "{\"version\":1,\"users\":[],\"posts\":[]}\n{\"id\":\"x1\",\"pid\":\"\",\"text\":\"hi\","
        + "\"user\":{\"name\":\"A\",\"id\":\"a\"},\"locator\":{\"url\":\"https://x.example/a\"},\"time\":1577836800}\n";

    ImportReport report = importer.importStream(ImportFormat.COMMENTO, bytes(commento));
    assertThat(report.comments()).isEqualTo(1);
    assertThatThrownBy(() -> importer.importStream(ImportFormat.REMARK42, bytes(remarkTime)))
        .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("time");
  }

  @Test
  void repeatedRecordIds_areReportedNotSilentlyMerged() {
    String remark = "{\"version\":1,\"users\":[],\"posts\":[]}\n"
        + Remark42ImportTest.line("d1", "", "first", "A", "a", false, "")
        + Remark42ImportTest.line("d1", "", "second", "B", "b", false, "");

    ImportReport report = importer.importStream(ImportFormat.REMARK42, bytes(remark));

    assertThat(report.comments() + report.skipped()).isEqualTo(2);
    assertThat(report.problems()).anySatisfy(p -> {
      assertThat(p.recordId()).isEqualTo("d1");
      assertThat(p.line()).isEqualTo(3);
    });
  }

  @ParameterizedTest
  @EnumSource(names = {"TALKBACK", "COMMENTO", "ISSO", "REMARK42"})
  void invalidUtf8_isAnImportExceptionWithAPosition(ImportFormat format) {
    byte[] good = good(format).getBytes(StandardCharsets.UTF_8);
    String text = good(format);
    int at = text.indexOf("\"", text.indexOf("\"", text.indexOf("\n") + 1) + 1) + 1; // inside a string of line 2
    byte[] bad = java.util.Arrays.copyOf(good, good.length + 2);
    System.arraycopy(good, at, bad, at + 2, good.length - at);
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28; // not a continuation byte

    Throwable t = catchThrowable(() -> importer.importStream(format, new ByteArrayInputStream(bad)));

    assertThat(t).isInstanceOf(ImportException.class);
    assertThat(((ImportException) t).line()).isPositive();
    assertNothingStored();
  }
}
