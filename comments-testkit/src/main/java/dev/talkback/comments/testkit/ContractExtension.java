package dev.talkback.comments.testkit;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The fixture resolver of the contract: resolves a {@link ContractContext} parameter of a test (and of its
 * {@code @BeforeEach} methods: the same context), built on the store of the nearest enclosing test
 * instance that is a {@link StoreFixture}; and prefixes every failure with the concrete test class and the
 * test's site, such as {@code [PostgresCommentStoreContractTest, site contract-1a2b3c4d-5e6f] expected ...}.
 * Build tools report inherited nested tests under the contract's own class names, so without the prefix a
 * failure of one store among several in a module would not say which store failed; the site finds the
 * test's rows in a database. Expected and actual values, the stack trace and aborted tests are kept.
 */
final class ContractExtension implements ParameterResolver, TestExecutionExceptionHandler {
  private static final Namespace NAMESPACE = Namespace.create(ContractExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == ContractContext.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    return extension.getStore(NAMESPACE).getOrComputeIfAbsent(extension.getUniqueId(),
        id -> newContext(extension), ContractContext.class);
  }

  private static ContractContext newContext(ExtensionContext extension) {
    List<Object> instances = extension.getRequiredTestInstances().getAllInstances();
    for (int i = instances.size() - 1; i >= 0; i--) {
      if (instances.get(i) instanceof StoreFixture fixture) {
        return new ContractContext(fixture.createStore(), label(instances));
      }
    }
    throw new ParameterResolutionException("a ContractContext needs a StoreFixture: let " + label(instances)
        + " (or a class enclosing it) implement StoreFixture and return the store under test, or extend"
        + " CommentStoreContract");
  }

  private static String label(List<Object> instances) {
    return instances.get(0).getClass().getSimpleName();
  }

  private static Optional<ContractContext> context(ExtensionContext extension) {
    return Optional.ofNullable(extension.getStore(NAMESPACE).get(extension.getUniqueId(), ContractContext.class));
  }

  @Override
  public void handleTestExecutionException(ExtensionContext extension, Throwable thrown) throws Throwable {
    if (thrown instanceof TestAbortedException) {
      throw thrown;
    }
    String label = context(extension).map(c -> "[" + c.testClass() + ", site " + c.site() + "] ")
        .orElseGet(() -> "[" + label(extension.getRequiredTestInstances().getAllInstances()) + "] ");
    Throwable labelled;
    if (thrown instanceof AssertionFailedError failed) {
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
