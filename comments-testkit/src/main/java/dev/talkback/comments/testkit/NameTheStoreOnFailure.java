package dev.talkback.comments.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Prefixes every failure of a contract test with the concrete test class and the test's site, such as
 * {@code [PostgresCommentStoreContractTest, site contract-1a2b3c4d-5e6f] expected ...}. Build tools report
 * inherited nested tests under the contract's own class name, so without it a failure of one store among
 * several in a module would not say which store failed; the site finds the test's rows in a database.
 * Expected and actual values, the stack trace and aborted tests are kept as they are.
 */
final class NameTheStoreOnFailure implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
    if (thrown instanceof TestAbortedException) {
      throw thrown;
    }
    List<Object> instances = context.getRequiredTestInstances().getAllInstances();
    Object outer = instances.get(0);
    String label = "[" + outer.getClass().getSimpleName()
        + (outer instanceof CommentStoreContract ? ", site " + ((CommentStoreContract) outer).siteOrNull() : "")
        + "] ";
    Throwable labelled;
    if (thrown instanceof AssertionFailedError) {
      AssertionFailedError failed = (AssertionFailedError) thrown;
      labelled = failed.isExpectedDefined() && failed.isActualDefined()
          ? new AssertionFailedError(label + failed.getMessage(), failed.getExpected().getValue(),
              failed.getActual().getValue(), failed.getCause())
          : new AssertionFailedError(label + failed.getMessage(), failed.getCause());
    } else if (thrown instanceof AssertionError) {
      labelled = new AssertionError(label + thrown.getMessage(), thrown.getCause());
    } else {
      throw new AssertionError(label + "the store threw " + thrown, thrown);
    }
    labelled.setStackTrace(thrown.getStackTrace());
    for (Throwable suppressed : thrown.getSuppressed()) {
      labelled.addSuppressed(suppressed);
    }
    throw labelled;
  }
}
