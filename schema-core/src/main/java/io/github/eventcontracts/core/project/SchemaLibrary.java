package io.github.eventcontracts.core.project;

import java.nio.file.Path;

/**
 * Contracts another module publishes (an event-model jar's {@code META-INF/schemas/}), unpacked at
 * {@code root}: their types resolve references in this module, but they are registered by the
 * module that owns them, never by this one.
 *
 * @param name how reports name it, e.g. {@code common-types-1.0.jar}
 */
public record SchemaLibrary(String name, Path root) {
  /**
   * Where an event-model jar keeps its contract files (and {@code descriptors.pb}): the one
   * definition the plugin, the serializers and the libraries read.
   */
  public static final String JAR_FOLDER = "META-INF/schemas/";

  /** How a file of the library is shown: {@code common-types-1.0.jar!/META-INF/schemas/avro/money.avsc}. */
  public String display(String relative) {
    return name + "!/" + JAR_FOLDER + relative;
  }
}
