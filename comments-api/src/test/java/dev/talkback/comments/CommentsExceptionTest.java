package dev.talkback.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommentsExceptionTest {
  private static final CommentId ID = CommentId.parse("018f0000-0000-7000-8000-000000000001");

  @Test
  void commentsException_isAbstractWithProtectedConstructors() {
    assertThat(Modifier.isAbstract(CommentsException.class.getModifiers())).isTrue();
    assertThat(CommentsException.class.getDeclaredConstructors())
        .allSatisfy(c -> assertThat(Modifier.isProtected(c.getModifiers())).isTrue());
  }

  @Test
  void serialization_keepsCodeMessageAndFields() throws Exception {
    CommentValidationException validation = roundTrip(new CommentValidationException(
        List.of(new CommentValidationException.Violation("text", "must not be empty"))));
    assertThat(validation.code()).isEqualTo("validation_failed");
    assertThat(validation.violations()).containsExactly(
        new CommentValidationException.Violation("text", "must not be empty"));

    CommentNotFoundException notFound = roundTrip(new CommentNotFoundException(ID));
    assertThat(notFound.id()).isEqualTo(ID);
    assertThat(notFound.getMessage()).contains(ID.toString());

    assertThat(roundTrip(new ThreadClosedException(ThreadKey.of("posts/old"))).thread())
        .isEqualTo(ThreadKey.of("posts/old"));
    assertThat(roundTrip(new RateLimitedException("slow down", Duration.ofSeconds(30))).retryAfter())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(roundTrip(new ReadOnlyException("paused", Duration.ofMinutes(1), null)).retryAfter())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(roundTrip(EditNotAllowedException.invalidToken(ID)).code()).isEqualTo("edit_token_invalid");
    assertThat(roundTrip(new CommentRejectedException("spam")).reason()).isEqualTo("spam");
    assertThat(roundTrip(new ConcurrentEditException(ID, 3)).code()).isEqualTo("conflict");
    StoreUnavailableException down = roundTrip(new StoreUnavailableException("down", new IOException("reset")));
    assertThat(down.getCause()).isInstanceOf(IOException.class).hasMessage("reset");
  }

  @SuppressWarnings("unchecked") // the object read is the one written
  private static <T extends CommentsException> T roundTrip(T e) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      T read = (T) in.readObject();
      assertThat(read).hasMessage(e.getMessage());
      assertThat(read.code()).isEqualTo(e.code());
      return read;
    }
  }
}
