package io.github.eventcontracts.core.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

/** Picking one copy of a resource that several jars on the class path ship. */
public final class ClasspathResources {
  private ClasspathResources() {}

  /**
   * The copy of {@code resource} from the jar whose URL contains {@code preferredJar}, else the
   * first one found, else null. The well-known {@code google/protobuf/*.proto} files come with both
   * wire-schema and protobuf-java in different syntax: wire's parser wants wire's copy, protoc the
   * copy of the protobuf-java it matches.
   */
  public static URL preferring(ClassLoader loader, String resource, String preferredJar) {
    try {
      URL chosen = null;
      for (URL url : Collections.list(loader.getResources(resource))) {
        if (chosen == null || url.toString().contains(preferredJar)) {
          chosen = url;
        }
      }
      return chosen;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + resource + " on the class path: " + e.getMessage(), e);
    }
  }
}
