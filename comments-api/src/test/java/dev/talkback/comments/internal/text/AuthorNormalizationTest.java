package dev.talkback.comments.internal.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talkback.comments.Author;
import dev.talkback.comments.CommentValidationException.Violation;
import dev.talkback.comments.ContentPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorNormalizationTest {
  private final TextPipeline pipeline = new TextPipeline(ContentPolicy.defaults());
  private final List<Violation> violations = new ArrayList<>();

  private Author normalize(Author author) {
    return pipeline.normalizeAuthor(author, violations);
  }

  private Author withEmail(String email) {
    return normalize(Author.named("Ada").withEmail(email));
  }

  private Author withWebsite(String website) {
    return normalize(Author.named("Ada").withWebsite(website));
  }

  @Test
  void normalizeAuthor_validAuthor_noViolations() {
    Author a = normalize(new Author("Ada Lovelace", "ada@example.org", "https://example.org", "u-1"));
    assertThat(a).isEqualTo(new Author("Ada Lovelace", "ada@example.org", "https://example.org", "u-1"));
    assertThat(violations).isEmpty();
  }

  @Test
  void normalizeAuthor_everyFieldBad_oneViolationPerFieldInOrder() {
    normalize(new Author("x".repeat(101), "nope", "javascript:alert(1)", "u".repeat(256)));
    assertThat(violations).extracting(Violation::field)
        .containsExactly("author.name", "author.email", "author.website", "author.userId");
  }

  @Nested
  @DisplayName("author.name")
  class Name {
    @Test
    void normalizeAuthor_nameWithLineBreaksAndRuns_collapsedToSingleSpaces() {
      assertThat(normalize(Author.named("  Ada \n\n Lovelace\t\u00A0the\u2003First  ")).name())
          .isEqualTo("Ada Lovelace the First");
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_nameWithControlAndBidiCharacters_removed() {
      assertThat(normalize(Author.named("Ad\u0000a\u202E\u200B")).name()).isEqualTo("Ada");
    }

    @Test
    void normalizeAuthor_emptyName_allowedAsAnonymous() {
      assertThat(normalize(Author.named("  \n ")).name()).isEmpty();
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_nameTooLong_violationSaysLimitAndLength() {
      normalize(Author.named("é".repeat(101)));
      assertThat(violations).containsExactly(new Violation("author.name", "must be at most 100 characters (it has 101)"));
    }

    @Test
    void normalizeAuthor_nameAtLimitInCodePoints_accepted() {
      normalize(Author.named("\uD83D\uDE00".repeat(100)));
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_nameWithMarkup_keptAsText() {
      // Names are escaped wherever they are shown; nothing to refuse.
      assertThat(normalize(Author.named("<b>Ada</b>")).name()).isEqualTo("<b>Ada</b>");
      assertThat(violations).isEmpty();
    }
  }

  @Nested
  @DisplayName("author.email")
  class Email {
    @Test
    void normalizeAuthor_nullOrBlankEmail_none() {
      assertThat(withEmail(null).email()).isNull();
      assertThat(withEmail(" \t ").email()).isNull();
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_email_trimmedAndDomainLowerCased() {
      assertThat(withEmail("  Ada.Lovelace+blog@Example.ORG ").email()).isEqualTo("Ada.Lovelace+blog@example.org");
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_internationalEmail_accepted() {
      assertThat(withEmail("jürgen@Bücher.example").email()).isEqualTo("jürgen@bücher.example");
      assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada", "@example.org", "ada@", "a b@example.org", "ada@@example.org", "a@b@example.org",
        ".ada@example.org", "ada.@example.org", "a..da@example.org", "ada(x)@example.org", "\"ada\"@example.org",
        "<ada@example.org>", "ada@example.org, bob@example.org"})
    void normalizeAuthor_malformedEmail_violation(String email) {
      withEmail(email);
      assertThat(violations).containsExactly(
          new Violation("author.email", "must be an email address such as ada@example.org"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ada@localhost", "ada@example", "ada@example.", "ada@.example.org", "ada@exa_mple.org",
        "ada@-example.org", "ada@example.o", "ada@1.2.3.4", "ada@[127.0.0.1]", "ada@example..org"})
    void normalizeAuthor_emailWithoutProperDomain_violationNamesTheDomain(String email) {
      withEmail(email);
      assertThat(violations).containsExactly(new Violation("author.email",
          "must be an email address such as ada@example.org (the part after @ is not a domain name)"));
    }

    @Test
    void normalizeAuthor_emailTooLong_violationSaysLimitAndLength() {
      withEmail("a".repeat(250) + "@example.org");
      assertThat(violations)
          .containsExactly(new Violation("author.email", "must be at most 254 characters (it has 262)"));
    }
  }

  @Nested
  @DisplayName("author.website")
  class Website {
    @Test
    void normalizeAuthor_nullOrBlankWebsite_none() {
      assertThat(withWebsite(null).website()).isNull();
      assertThat(withWebsite("   ").website()).isNull();
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_websiteWithoutScheme_getsHttps() {
      assertThat(withWebsite("example.org").website()).isEqualTo("https://example.org");
      assertThat(withWebsite("www.example.org/blog?x=1#top").website()).isEqualTo("https://www.example.org/blog?x=1#top");
      assertThat(withWebsite("//example.org/a").website()).isEqualTo("https://example.org/a");
      assertThat(withWebsite("example.org:8080/a").website()).isEqualTo("https://example.org:8080/a");
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_website_schemeAndHostLowerCasedPathKept() {
      assertThat(withWebsite(" HTTP://Blog.Example.ORG/About-Me ").website()).isEqualTo("http://blog.example.org/About-Me");
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_internationalWebsite_asciiHostAndEncodedPath() {
      assertThat(withWebsite("https://bücher.example/straße").website())
          .isEqualTo("https://xn--bcher-kva.example/stra%C3%9Fe");
      assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)", "ftp://example.org", "mailto:ada@example.org", "file:///etc/passwd"})
    void normalizeAuthor_websiteWithOtherScheme_violation(String website) {
      withWebsite(website);
      assertThat(violations).containsExactly(new Violation("author.website",
          "must be a web address such as https://example.org (only http and https are allowed)"));
    }

    @Test
    void normalizeAuthor_websiteWithUserInfo_violation() {
      withWebsite("https://example.org@evil.example/");
      assertThat(violations).containsExactly(new Violation("author.website",
          "must not contain a user name or password; must be a web address such as https://example.org"));
    }

    @Test
    void normalizeAuthor_websiteWithSpaces_violation() {
      withWebsite("https://example.org/my page");
      assertThat(violations).containsExactly(new Violation("author.website",
          "must be a web address such as https://example.org (without spaces)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "http://localhost:8080", "https://exa_mple.org", "https://", "https://.org",
        "javascript:1", "https://-x.example"})
    void normalizeAuthor_websiteWithoutHostName_violation(String website) {
      withWebsite(website);
      assertThat(violations).singleElement().satisfies(v -> {
        assertThat(v.field()).isEqualTo("author.website");
        assertThat(v.message()).startsWith("must be a web address such as https://example.org (\"");
        assertThat(v.message()).endsWith("\" is not a host name)");
      });
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.org/a\\b", "https://example.org/<script>", "https://example.org/\"x\"",
        "https://example.org:80x/", "http:example.org"})
    void normalizeAuthor_malformedWebsite_violation(String website) {
      withWebsite(website);
      assertThat(violations).singleElement().satisfies(v -> {
        assertThat(v.field()).isEqualTo("author.website");
        assertThat(v.message()).startsWith("must be a web address such as https://example.org");
      });
    }

    @Test
    void normalizeAuthor_websiteTooLong_violationSaysLimitAndLength() {
      withWebsite("https://example.org/" + "a".repeat(2029));
      assertThat(violations).containsExactly(
          new Violation("author.website", "must be at most 2048 characters (it has 2049)"));
    }
  }

  @Nested
  @DisplayName("author.userId")
  class UserId {
    @Test
    void normalizeAuthor_nullOrBlankUserId_none() {
      assertThat(normalize(Author.named("Ada").withUserId(null)).userId()).isNull();
      assertThat(normalize(Author.named("Ada").withUserId(" ")).userId()).isNull();
      assertThat(violations).isEmpty();
    }

    @Test
    void normalizeAuthor_userId_normalizedAndTrimmed() {
      assertThat(normalize(Author.named("Ada").withUserId(" user\u0000-42\u202E ")).userId()).isEqualTo("user-42");
    }

    @Test
    void normalizeAuthor_userIdTooLong_violation() {
      normalize(Author.named("Ada").withUserId("u".repeat(256)));
      assertThat(violations).containsExactly(
          new Violation("author.userId", "must be at most 255 characters (it has 256)"));
    }
  }
}
