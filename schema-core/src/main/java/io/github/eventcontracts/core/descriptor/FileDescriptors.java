package io.github.eventcontracts.core.descriptor;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.squareup.wire.schema.ProtoFile;
import io.github.eventcontracts.core.model.ProtobufParsedSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code .proto} as a protobuf-java {@link FileDescriptor}, its imports built first (each
 * named by the path it is imported by), so that CEL can type a rule against it and a message of a
 * version no class on the class path describes can be built.
 */
public final class FileDescriptors {
  private FileDescriptors() {}

  /** The descriptor of {@code proto}'s file and, first, of everything it imports. */
  public static FileDescriptor build(ProtobufParsedSchema proto) throws DescriptorValidationException {
    return build(proto, proto.file(), proto.file().getLocation().getPath(), new HashMap<>());
  }

  private static FileDescriptor build(ProtobufParsedSchema proto, ProtoFile file, String name,
      Map<String, FileDescriptor> built) throws DescriptorValidationException {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    List<FileDescriptor> dependencies = new ArrayList<>();
    for (String path : file.getImports()) {
      ProtoFile imported = proto.schema().protoFile(path);
      if (imported != null) {
        dependencies.add(build(proto, imported, path, built));
      }
    }
    FileDescriptorProto descriptor = DescriptorWriter.write(
        new ProtobufParsedSchema(file, proto.schema(), proto.sources(), proto.packageStatement()), name);
    FileDescriptor out = FileDescriptor.buildFrom(descriptor, dependencies.toArray(FileDescriptor[]::new));
    built.put(name, out);
    return out;
  }
}
