package dev.talkback.benchmarks;

import dev.talkback.comments.ContentPolicy;
import dev.talkback.comments.Format;
import dev.talkback.comments.internal.text.HtmlPolicies;
import dev.talkback.comments.internal.text.Rendered;
import dev.talkback.comments.internal.text.TextPipeline;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.owasp.html.PolicyFactory;

/**
 * The cost of turning a realistic ~2 KB Markdown comment into stored HTML with Talkback's whole text pipeline
 * (normalize, commonmark, OWASP policy into a jsoup tree, post-processing, plain text), next to its parts: the
 * OWASP policy alone on the equivalent HTML (what a bare "sanitize with OWASP" costs), commonmark alone, and
 * the pipeline on that HTML as {@link Format#HTML}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SanitizeBenchmark -f 1 -wi 3 -w 2s -i 5 -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SanitizeBenchmark {
  /** A comment as a reader of a programming blog writes one: prose, emphasis, links, a list, a quote, code. */
  static final String MARKDOWN = """
    Great write-up, thanks! I ran into *exactly* this problem last month when we moved our blog's comments
    off a hosted service. A few notes from our migration, in case they help someone:

    1. **Normalize before you count.** We limited comments to 5,000 characters and people pasting from Word
       hit the limit with invisible characters. Counting code points after NFC fixed most complaints.
    2. Keep the *source* and the rendered HTML side by side. Re-rendering old comments after a sanitizer
       upgrade is much easier when you still have what the author typed.
    3. Links need `rel="nofollow ugc"`, otherwise spammers love you. See
       https://developers.google.com/search/docs/crawling-indexing/qualify-outbound-links for details.

    > A hung database is worse than a dead one.
    >
    > That line alone was worth the read.

    For anyone curious, this is roughly how we wired the fallback (simplified):

    ```java
    CommentStore store = FallbackCommentStore.builder()
        .primary(jdbiStore)
        .replica(readReplica)
        .spool(Path.of("/var/lib/blog/spool"))
        .deadline(Duration.ofMillis(250))
        .build();
    ```

    One question: does the <em>read-only</em> banner show up for readers without JavaScript too? Our
    analytics say about 3% of visitors block scripts, and we'd rather not leave them guessing. I looked
    at [the operations guide](https://talkback.dev/docs/operations.md) but couldn't find it.

    What we'd still like to see, roughly in order of pain:

    - a way to re-render stored comments in bulk after changing the policy (we allow images on one blog
      but not on the other);
    - per-thread rate limits that survive a restart, since our spam comes in bursts on old posts;
    - an Atom feed per thread, so regulars can follow a discussion without subscribing by email.

    Happy to open issues for these if that's more useful than a comment here.

    Also, minor typo in the second code sample: `Duration.ofSeconds(0.25)` doesn't compile, it takes a
    `long`. Otherwise **excellent** article — bookmarked, and shared it with the team at www.example.com.

    Cheers, \s
    Ada""";

  private TextPipeline pipeline;
  private PolicyFactory policy;
  private Parser parser;
  private HtmlRenderer renderer;
  private String html;

  @Setup
  public void setup() {
    ContentPolicy contentPolicy = ContentPolicy.defaults();
    pipeline = new TextPipeline(contentPolicy);
    policy = HtmlPolicies.forContent(contentPolicy);
    parser = Parser.builder().build();
    renderer = HtmlRenderer.builder().build();
    html = renderer.render(parser.parse(MARKDOWN));
    int bytes = MARKDOWN.getBytes(StandardCharsets.UTF_8).length;
    if (bytes < 1900 || bytes > 2300) {
      throw new IllegalStateException("the sample should be about 2 KB, it is " + bytes + " bytes");
    }
    Rendered rendered = pipeline.render(MARKDOWN, Format.MARKDOWN);
    if (rendered.linkCount() != 3) {
      throw new IllegalStateException("expected 3 links in " + rendered.html());
    }
  }

  /** The whole pipeline, as {@code Comments.post} runs it for a Markdown comment. */
  @Benchmark
  public Rendered pipelineMarkdown() {
    return pipeline.render(MARKDOWN, Format.MARKDOWN);
  }

  /** The whole pipeline on the HTML commonmark makes of the same comment. */
  @Benchmark
  public Rendered pipelineHtml() {
    return pipeline.render(html, Format.HTML);
  }

  /** The OWASP policy alone (same policy object), rendering to a string: the baseline. */
  @Benchmark
  public String owaspPolicyOnly() {
    return policy.sanitize(html);
  }

  /** commonmark alone: parse and render to HTML, no sanitizing. */
  @Benchmark
  public String commonmarkOnly() {
    return renderer.render(parser.parse(MARKDOWN));
  }
}
