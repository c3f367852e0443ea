package io.github.eventcontracts.rules;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.common.types.StructTypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * An Avro schema's records as CEL struct types, typed as Confluent's {@code AvroCelTypeProvider}
 * types them (int and long are CEL int, enums strings, a nullable union its non-null branch, a
 * logical type or any other union dyn), so that an expression compiled here type-checks exactly as
 * Confluent's executor would check it against the same schema.
 */
final class CelTypes implements CelTypeProvider {
  private final Map<String, StructType> records = new HashMap<>();

  private CelTypes(Schema root) {
    collect(root);
  }

  static CelTypes of(Schema root) {
    return new CelTypes(root);
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableSet.copyOf(records.values());
  }

  @Override
  public Optional<CelType> findType(String name) {
    return Optional.ofNullable(records.get(name));
  }

  private void collect(Schema schema) {
    Schema effective = nonNull(schema);
    if (effective == null) {
      return;
    }
    switch (effective.getType()) {
      case RECORD -> {
        if (records.containsKey(effective.getFullName())) {
          return;
        }
        records.put(effective.getFullName(), StructType.create(effective.getFullName(),
            effective.getFields().stream().map(Schema.Field::name).collect(ImmutableSet.toImmutableSet()),
            name -> Optional.ofNullable(effective.getField(name)).map(f -> typeOf(f.schema()))));
        effective.getFields().forEach(f -> collect(f.schema()));
      }
      case ARRAY -> collect(effective.getElementType());
      case MAP -> collect(effective.getValueType());
      default -> { }
    }
  }

  static CelType typeOf(Schema schema) {
    CelType type = nonNullTypeOf(schema);
    // Confluent types a nullable field as its branch and, when that does not compile (a null
    // check), falls back to untyped maps; a nullable scalar here accepts both, and nothing else
    boolean nullable = schema.getType() == Schema.Type.UNION
        && schema.getTypes().stream().anyMatch(b -> b.getType() == Schema.Type.NULL);
    boolean scalar = type instanceof SimpleType && type != SimpleType.DYN && type != SimpleType.NULL_TYPE;
    return nullable && scalar ? NullableType.create(type) : type;
  }

  private static CelType nonNullTypeOf(Schema schema) {
    Schema effective = nonNull(schema);
    if (effective == null || effective.getLogicalType() != null) {
      return SimpleType.DYN;
    }
    return switch (effective.getType()) {
      case BOOLEAN -> SimpleType.BOOL;
      case INT, LONG -> SimpleType.INT;
      case BYTES, FIXED -> SimpleType.BYTES;
      case FLOAT, DOUBLE -> SimpleType.DOUBLE;
      case STRING, ENUM -> SimpleType.STRING;
      case ARRAY -> ListType.create(typeOf(effective.getElementType()));
      case MAP -> MapType.create(SimpleType.STRING, typeOf(effective.getValueType()));
      case NULL -> SimpleType.NULL_TYPE;
      case RECORD -> StructTypeReference.create(effective.getFullName());
      default -> SimpleType.DYN;
    };
  }

  /** A nullable union's other branch; null for any other union. */
  private static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches = schema.getTypes();
    if (branches.size() == 2 && branches.get(0).getType() == Schema.Type.NULL) {
      return branches.get(1);
    }
    if (branches.size() == 2 && branches.get(1).getType() == Schema.Type.NULL) {
      return branches.get(0);
    }
    return null;
  }
}
