package io.github.eventcontracts.serde;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Message descriptors from the descriptor sets on the class path (protoc's
 * {@code --descriptor_set_out --include_imports}, shipped by the event-model jar), by full name.
 * Well-known types come from protobuf-java itself, so they are the same objects generated code uses.
 */
final class ProtobufDescriptors {
  static final String RESOURCE = io.github.eventcontracts.core.project.SchemaLibrary.JAR_FOLDER + "descriptors.pb";
  private static volatile ProtobufDescriptors loaded;
  private final Map<String, Descriptor> byName;

  private ProtobufDescriptors(Map<String, Descriptor> byName) {
    this.byName = byName;
  }

  static ProtobufDescriptors onClassPath() {
    ProtobufDescriptors result = loaded;
    if (result == null) {
      synchronized (ProtobufDescriptors.class) {
        if (loaded == null) {
          loaded = load(classLoader());
        }
        result = loaded;
      }
    }
    return result;
  }

  /** Where generated classes and the event-model jar's resources are looked for: the context loader (app servers), else ours. */
  static ClassLoader classLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ProtobufDescriptors.class.getClassLoader();
  }

  Descriptor find(String fullName) {
    return byName.get(fullName);
  }

  static ProtobufDescriptors load(ClassLoader loader) {
    Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
    try {
      for (URL url : Collections.list(loader.getResources(RESOURCE))) {
        try (InputStream in = url.openStream()) {
          for (FileDescriptorProto file : FileDescriptorSet.parseFrom(in).getFileList()) {
            protos.putIfAbsent(file.getName(), file);
          }
        }
      }
    } catch (IOException e) {
      throw new SerializationException("cannot read " + RESOURCE + " from the class path: " + e.getMessage(), e);
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptor known : List.of(com.google.protobuf.AnyProto.getDescriptor(),
        com.google.protobuf.ApiProto.getDescriptor(), com.google.protobuf.DescriptorProtos.getDescriptor(),
        com.google.protobuf.DurationProto.getDescriptor(), com.google.protobuf.EmptyProto.getDescriptor(),
        com.google.protobuf.FieldMaskProto.getDescriptor(), com.google.protobuf.SourceContextProto.getDescriptor(),
        com.google.protobuf.StructProto.getDescriptor(), com.google.protobuf.TimestampProto.getDescriptor(),
        com.google.protobuf.TypeProto.getDescriptor(), com.google.protobuf.WrappersProto.getDescriptor())) {
      built.put(known.getName(), known);
    }
    Map<String, Descriptor> byName = new HashMap<>();
    for (String name : protos.keySet()) {
      FileDescriptor file = build(name, protos, built, 0);
      if (file != null) {
        file.getMessageTypes().forEach(m -> index(m, byName));
      }
    }
    return new ProtobufDescriptors(byName);
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
      Map<String, FileDescriptor> built, int depth) {
    FileDescriptor done = built.get(name);
    if (done != null || depth > 64) {
      return done;
    }
    FileDescriptorProto proto = protos.get(name);
    if (proto == null) {
      return null;
    }
    FileDescriptor[] dependencies = new FileDescriptor[proto.getDependencyCount()];
    for (int i = 0; i < dependencies.length; i++) {
      dependencies[i] = build(proto.getDependency(i), protos, built, depth + 1);
      if (dependencies[i] == null) {
        return null; // an incomplete set: its messages are simply not offered
      }
    }
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies);
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      return null;
    }
  }

  private static void index(Descriptor message, Map<String, Descriptor> out) {
    out.putIfAbsent(message.getFullName(), message);
    message.getNestedTypes().forEach(n -> index(n, out));
  }
}
