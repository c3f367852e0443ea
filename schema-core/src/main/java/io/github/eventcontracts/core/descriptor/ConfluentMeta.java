package io.github.eventcontracts.core.descriptor;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import com.squareup.wire.schema.internal.parser.OptionElement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Confluent's metadata options ({@code (confluent.field_meta)}, {@code message_meta},
 * {@code file_meta}, {@code enum_meta}, {@code enum_value_meta}) between a {@code .proto}'s text and
 * its descriptor. They are the one kind of custom option a registry carries, because data-contract
 * rules select fields by the tags in them: a descriptor without them (Confluent's clients read
 * {@code format=serialized}) would leave a PII field unmasked. On the wire each is extension 1088 of
 * the options message holding a {@code confluent.Meta}: doc = 1, params = 2 (a map), tags = 3.
 */
public final class ConfluentMeta {
  public static final int EXTENSION = 1088;
  private static final int DOC = 1;
  private static final int PARAMS = 2;
  private static final int TAGS = 3;

  /** What one option element (or several for the same option) says. */
  public record Meta(String doc, Map<String, String> params, List<String> tags) {
    boolean isEmpty() {
      return (doc == null || doc.isEmpty()) && params.isEmpty() && tags.isEmpty();
    }
  }

  private ConfluentMeta() {}

  /** The meta the options named {@code confluent.<name>} declare in a {@code .proto}'s text, merged. */
  public static Optional<Meta> fromText(Collection<OptionElement> options, String name) {
    String[] doc = {null};
    Map<String, String> params = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    for (OptionElement option : options) {
      if (!option.isParenthesized() || !option.getName().equals("confluent." + name)) {
        continue;
      }
      collect(option.getValue(), doc, params, tags);
    }
    Meta meta = new Meta(doc[0], params, tags);
    return meta.isEmpty() ? Optional.empty() : Optional.of(meta);
  }

  /** {@code value} is an OptionElement ({@code (x).tags = "a"}) or a map ({@code (x) = {tags: [..]}}). */
  private static void collect(Object value, String[] doc, Map<String, String> params, List<String> tags) {
    if (value instanceof OptionElement nested) {
      put(nested.getName(), nested.getValue(), doc, params, tags);
    } else if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> put(String.valueOf(k), v, doc, params, tags));
    }
  }

  private static void put(String key, Object value, String[] doc, Map<String, String> params, List<String> tags) {
    String field = key.endsWith("]") ? key : key.replaceAll("^\\[|\\]$", "");
    switch (field) {
      case "doc" -> doc[0] = String.valueOf(unwrap(value));
      case "tags" -> {
        if (value instanceof List<?> list) {
          list.forEach(t -> tags.add(String.valueOf(unwrap(t))));
        } else {
          tags.add(String.valueOf(unwrap(value)));
        }
      }
      case "params" -> {
        for (Object entry : value instanceof List<?> list ? list : List.of(value)) {
          if (entry instanceof Map<?, ?> map && map.containsKey("key")) {
            params.put(String.valueOf(unwrap(map.get("key"))), String.valueOf(unwrap(map.get("value"))));
          }
        }
      }
      default -> { } // Meta.rules: not a tag, nothing a rule selects by
    }
  }

  private static Object unwrap(Object value) {
    return value instanceof OptionElement.OptionPrimitive p ? p.getValue() : value;
  }

  /** The options message with the meta set as its extension 1088 (unknown to protobuf-java's own types). */
  @SuppressWarnings("unchecked")
  public static <M extends Message> M withMeta(M options, Meta meta) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      if (meta.doc() != null && !meta.doc().isEmpty()) {
        out.writeString(DOC, meta.doc());
      }
      for (Map.Entry<String, String> param : meta.params().entrySet()) {
        ByteArrayOutputStream entryBytes = new ByteArrayOutputStream();
        CodedOutputStream entry = CodedOutputStream.newInstance(entryBytes);
        entry.writeString(1, param.getKey());
        entry.writeString(2, param.getValue());
        entry.flush();
        out.writeByteArray(PARAMS, entryBytes.toByteArray());
      }
      for (String tag : meta.tags()) {
        out.writeString(TAGS, tag);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    UnknownFieldSet unknown = UnknownFieldSet.newBuilder(options.getUnknownFields())
        .addField(EXTENSION, UnknownFieldSet.Field.newBuilder()
            .addLengthDelimited(ByteString.copyFrom(bytes.toByteArray())).build())
        .build();
    return (M) options.toBuilder().setUnknownFields(unknown).build();
  }

  /** The meta an options message carries (as a known extension or as unknown field 1088). */
  public static Optional<Meta> fromOptions(Message options) {
    try {
      UnknownFieldSet all = UnknownFieldSet.parseFrom(options.toByteString());
      if (!all.hasField(EXTENSION)) {
        return Optional.empty();
      }
      String doc = null;
      Map<String, String> params = new LinkedHashMap<>();
      List<String> tags = new ArrayList<>();
      for (ByteString metaBytes : all.getField(EXTENSION).getLengthDelimitedList()) {
        UnknownFieldSet meta = UnknownFieldSet.parseFrom(metaBytes);
        if (meta.hasField(DOC)) {
          doc = meta.getField(DOC).getLengthDelimitedList().get(0).toStringUtf8();
        }
        if (meta.hasField(PARAMS)) {
          for (ByteString entryBytes : meta.getField(PARAMS).getLengthDelimitedList()) {
            UnknownFieldSet entry = UnknownFieldSet.parseFrom(entryBytes);
            params.put(string(entry, 1), string(entry, 2));
          }
        }
        if (meta.hasField(TAGS)) {
          meta.getField(TAGS).getLengthDelimitedList().forEach(t -> tags.add(t.toStringUtf8()));
        }
      }
      Meta out = new Meta(doc, params, tags);
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty(); // not a Meta: nothing a rule could select by
    }
  }

  private static String string(UnknownFieldSet set, int number) {
    return set.hasField(number) ? set.getField(number).getLengthDelimitedList().get(0).toStringUtf8() : "";
  }

  /** The option as {@code .proto} text: {@code (confluent.field_meta) = { doc: "..", tags: ["PII"] }}. */
  public static String toText(String name, Meta meta) {
    List<String> parts = new ArrayList<>();
    if (meta.doc() != null && !meta.doc().isEmpty()) {
      parts.add("doc: " + quote(meta.doc()));
    }
    if (!meta.params().isEmpty()) {
      List<String> entries = new ArrayList<>();
      meta.params().forEach((k, v) -> entries.add("{ key: " + quote(k) + ", value: " + quote(v) + " }"));
      parts.add("params: [" + String.join(", ", entries) + "]");
    }
    if (!meta.tags().isEmpty()) {
      parts.add("tags: [" + String.join(", ", meta.tags().stream().map(ConfluentMeta::quote).toList()) + "]");
    }
    return "(confluent." + name + ") = { " + String.join(", ", parts) + " }";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
