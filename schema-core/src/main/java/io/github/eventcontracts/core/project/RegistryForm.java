package io.github.eventcontracts.core.project;

import io.github.eventcontracts.core.parse.ReferencedSchemaParser;
import io.github.eventcontracts.core.parse.SourceFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject's schema as it goes to the registry: the text as written, its type, its references
 * (name and subject), and the canonical text a registry stores for it. Registration, lookups and
 * the generated catalog all use this one form, so they always agree.
 */
public record RegistryForm(String schemaType, String text, String canonical,
    List<SubjectContract.SubjectReference> references) {

  public static RegistryForm of(SubjectContract subject, ContractProject project) {
    Map<String, SourceFile> referenced = new LinkedHashMap<>();
    collect(subject, project, referenced, 0);
    String canonical = ReferencedSchemaParser.parse(subject.contract().type(), subject.contract().file(),
        subject.contract().text(), List.copyOf(referenced.values())).canonical();
    return new RegistryForm(subject.contract().type().name(), subject.contract().text(), canonical,
        subject.references());
  }

  private static void collect(SubjectContract subject, ContractProject project, Map<String, SourceFile> out, int depth) {
    if (depth > 32) {
      throw new IllegalArgumentException("references of " + subject.contract().file() + " nest deeper than 32 levels");
    }
    for (SubjectContract.SubjectReference ref : subject.references()) {
      if (out.containsKey(ref.name())) {
        continue;
      }
      SubjectContract target = project.byPath(ref.path()).orElseThrow();
      collect(target, project, out, depth + 1);
      out.put(ref.name(), SourceFile.of(ref.name(), target.contract().text()));
    }
  }
}
