package io.github.eventcontracts.serde;

import com.google.protobuf.Descriptors.Descriptor;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.TypeElement;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The one definition of a Protobuf message's index path inside its file, as Confluent's wire format
 * carries it: at each nesting level, the message's position among the messages <em>declared</em>
 * there. Map fields make protoc add a synthetic {@code XxxEntry} message type to the descriptor
 * ({@link Descriptor#getIndex()} counts it); no {@code .proto} text declares it, Confluent's
 * clients do not count it, and so neither does this class. The serializer computes paths with
 * {@link #of(Descriptor)}, the deserializer resolves them with {@link #messageName}; both count the
 * same way.
 */
public final class MessageIndexes {
  private MessageIndexes() {}

  /** The path of {@code type}, outermost first: {@code [0]} for a file's first message. */
  public static int[] of(Descriptor type) {
    Deque<Integer> path = new ArrayDeque<>();
    for (Descriptor d = type; d != null; d = d.getContainingType()) {
      path.addFirst(declaredIndex(d));
    }
    return path.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int declaredIndex(Descriptor type) {
    Descriptor parent = type.getContainingType();
    if (parent == null) {
      return type.getIndex(); // a file's top-level messages are all declared ones
    }
    int index = 0;
    for (Descriptor sibling : parent.getNestedTypes()) {
      if (sibling == type) {
        return index;
      }
      if (!sibling.getOptions().getMapEntry()) {
        index++;
      }
    }
    throw new IllegalStateException(type.getFullName() + " is not among its parent's nested types");
  }

  /** Thrown when a path names no declared message of the file. */
  public static final class UnknownPathException extends RuntimeException {
    UnknownPathException(String message) {
      super(message);
    }
  }

  /**
   * The full name of the message at {@code indexes} in a parsed {@code .proto} (wire's element tree
   * holds declared messages only, so map entries are not there to count).
   */
  public static String messageName(ProtoFileElement file, int[] indexes) {
    StringBuilder name = new StringBuilder(file.getPackageName() == null ? "" : file.getPackageName());
    List<TypeElement> level = file.getTypes();
    for (int index : indexes) {
      List<TypeElement> messages = level.stream().filter(t -> t instanceof MessageElement).toList();
      if (index < 0 || index >= messages.size()) {
        throw new UnknownPathException("message indexes " + Arrays.toString(indexes) + " name no message: "
            + (name.isEmpty() ? "the file" : name) + " declares " + messages.size() + " message type(s) there");
      }
      TypeElement message = messages.get(index);
      name.append(name.isEmpty() ? "" : ".").append(message.getName());
      level = message.getNestedTypes();
    }
    return name.toString();
  }
}
