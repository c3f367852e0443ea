package io.github.eventcontracts.cli;

import io.github.eventcontracts.core.model.SchemaType;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

final class TypeConverter implements ITypeConverter<SchemaType> {
  @Override
  public SchemaType convert(String value) {
    try {
      return SchemaType.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
