package dev.talkback.benchmarks;

import dev.talkback.comments.Author;
import dev.talkback.comments.Comment;
import dev.talkback.comments.CommentId;
import dev.talkback.comments.CommentNode;
import dev.talkback.comments.SiteId;
import dev.talkback.comments.ThreadKey;
import dev.talkback.comments.internal.TreeAssembler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Assembling a thread of 1,000 comments (100 top-level, the rest random replies at any depth, in random
 * order) into a tree with the default depth cap. Target: under 250 µs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TreeAssemblyBenchmark {
  @Param({"1000"})
  int comments;

  private final TreeAssembler assembler = new TreeAssembler(5);
  private List<Comment> roots;
  private List<Comment> replies;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<Comment> all = new ArrayList<>();
    roots = new ArrayList<>();
    replies = new ArrayList<>();
    int topLevel = comments / 10;
    for (int i = 0; i < comments; i++) {
      Comment.Builder b = Comment.builder()
          .id(new CommentId(new UUID(random.nextLong(), random.nextLong())))
          .site(SiteId.DEFAULT)
          .thread(ThreadKey.of("bench"))
          .author(Author.named("author " + i))
          .source("text " + i)
          .html("<p>text " + i + "</p>")
          .created(t0.plusSeconds(i));
      if (i >= topLevel) {
        Comment parent = all.get(random.nextInt(all.size()));
        b.parentId(parent.id()).rootId(parent.rootId());
      }
      Comment c = b.build();
      all.add(c);
      (i < topLevel ? roots : replies).add(c);
    }
    Collections.shuffle(replies, random);
  }

  @Benchmark
  public List<CommentNode> assemble() {
    return assembler.assemble(roots, replies);
  }
}
