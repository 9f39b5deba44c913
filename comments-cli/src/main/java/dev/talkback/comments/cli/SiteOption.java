package dev.talkback.comments.cli;

import dev.talkback.comments.SiteId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks a {@code --site} value when the command line is read, so a bad one is a usage error (exit code 2)
 * that says what a site id may hold, not a failure halfway through the command.
 */
final class SiteOption implements ITypeConverter<String> {
  @Override
  public String convert(String value) {
    try {
      return SiteId.of(value).value();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
