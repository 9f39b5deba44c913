package dev.talkback.comments.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The container form {@link JettyHeaders} keeps with a cached page's header blocks is counted in the page's
 * weight before it is made (a cache weighs an entry once), so the count must be an upper bound on the heap the
 * forms really take, and not a loose one (issue 15, item 5: the weight bound holds within 10 % of measured
 * heap).
 */
class JettyHeadersTest {
  @Test
  void find_inEmbeddedJetty_isJettysPath() {
    assertThat(ContainerHeaders.found()).isInstanceOf(JettyHeaders.class);
  }

  @Test
  void forms_weighNoMoreThanCounted_andNotMuchLess() throws InterruptedException {
    JettyHeaders jetty = JettyHeaders.create();
    int n = 20_000;
    HeaderBlock[] blocks = new HeaderBlock[n];
    long counted = 0;
    for (int i = 0; i < n; i++) {
      blocks[i] = Guard.jsonHeaders("Origin, Accept-Encoding", "Content-Type", "application/json",
          "ETag", "\"etag-" + i + "-JWYqGljTLa8qJu8dfl\"", "Cache-Control", "no-cache");
      counted += blocks[i].formBytes();
    }
    long unprepared = blocks[0].heapBytes();
    long before = settledHeap();
    for (int i = 0; i < n; i++) {
      jetty.prepare(blocks[i], 1_000_000 + i); // a seven-digit length: a longer string than most pages'
    }
    long measured = settledHeap() - before;
    Reference.reachabilityFence(blocks);

    assertThat(blocks[n - 1].containerForm()).isInstanceOf(JettyHeaders.Form.class);
    assertThat(blocks[0].heapBytes()).as("the form is counted once it is made, not before")
        .isEqualTo(unprepared + blocks[0].formBytes());
    assertThat(measured).as("heap the forms take, against the count %d", counted).isLessThanOrEqualTo(counted);
    assertThat(measured).as("the count is an upper bound within 10 %%").isGreaterThan(counted * 9 / 10);
  }

  /** The heap used after full GCs, once two in a row agree within 32 KiB (or after a 30 s deadline). */
  private static long settledHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long previous = Long.MAX_VALUE;
    while (true) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 32 * 1024 || System.nanoTime() > deadline) {
        return used;
      }
      previous = used;
      Thread.sleep(10);
    }
  }
}
