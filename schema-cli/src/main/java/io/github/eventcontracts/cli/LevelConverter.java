package io.github.eventcontracts.cli;

import io.github.eventcontracts.core.compat.CompatibilityLevel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class LevelConverter implements ITypeConverter<CompatibilityLevel> {
  @Override
  public CompatibilityLevel convert(String value) {
    try {
      return CompatibilityLevel.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
