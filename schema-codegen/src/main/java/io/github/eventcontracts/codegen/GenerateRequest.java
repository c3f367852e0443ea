package io.github.eventcontracts.codegen;

import io.github.eventcontracts.core.project.ContractProject;
import io.github.eventcontracts.core.project.SubjectContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What to generate, and where.
 *
 * @param project the contracts, parsed and named
 * @param schemaDirectory the schemas folder (protoc's first import path)
 * @param importRoots further proto import paths
 * @param outputDirectory where Java sources go
 * @param avro Avro generation options
 * @param protoc the protoc executable, or null when there are no proto contracts
 * @param protocIncludes a folder with google/protobuf/*.proto for protoc, or null
 * @param descriptorSet where to write a descriptor set of every proto (with imports), or null
 * @param catalogClass the fully qualified name of the catalog class, or null for none
 * @param metadataTags a subject's {@code metadata.tags} (path to tags) from its data contract, for
 *     the catalog's field tags
 */
public record GenerateRequest(ContractProject project, Path schemaDirectory, List<Path> importRoots,
    Path outputDirectory, AvroOptions avro, Path protoc, Path protocIncludes, Path descriptorSet, String catalogClass,
    Function<SubjectContract, Map<String, List<String>>> metadataTags) {
  public GenerateRequest {
    importRoots = importRoots == null ? List.of() : List.copyOf(importRoots);
    metadataTags = metadataTags == null ? s -> Map.of() : metadataTags;
  }

  /** Without data contracts: the catalog lists the contracts' own field tags. */
  public GenerateRequest(ContractProject project, Path schemaDirectory, List<Path> importRoots, Path outputDirectory,
      AvroOptions avro, Path protoc, Path protocIncludes, Path descriptorSet, String catalogClass) {
    this(project, schemaDirectory, importRoots, outputDirectory, avro, protoc, protocIncludes, descriptorSet,
        catalogClass, null);
  }
}
