package io.github.eventcontracts.review;

import io.github.eventcontracts.core.diag.Severity;
import io.github.eventcontracts.core.project.CheckReport;
import io.github.eventcontracts.core.project.SubjectCheck;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** JUnit XML, so CI test views list each subject as a test case that fails when it breaks compatibility. */
public final class JUnitReport {
  public static final String FILE_NAME = "TEST-schema-compatibility.xml";

  private JUnitReport() {}

  public static String render(CheckReport report) {
    List<Finding> findings = Finding.of(report);
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "schema-compatibility");
      xml.writeAttribute("tests", String.valueOf(report.subjects().size()));
      xml.writeAttribute("failures", String.valueOf(report.incompatible().size()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", "0");
      for (SubjectCheck check : report.subjects()) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "schema-compatibility." + check.subject().contract().type().name().toLowerCase(java.util.Locale.ROOT));
        xml.writeAttribute("name", check.subject().subject() + " (" + check.subject().contract().file() + ", "
            + check.status() + ")");
        xml.writeAttribute("time", "0");
        if (!check.compatible()) {
          String details = findings.stream()
              .filter(f -> check.subject().subject().equals(f.subject()) && f.severity() == Severity.ERROR)
              .map(f -> f.position() + " " + f.ruleId() + (f.path().isEmpty() ? "" : " " + f.path()) + " " + f.message())
              .collect(Collectors.joining("\n"));
          xml.writeStartElement("failure");
          xml.writeAttribute("type", "INCOMPATIBLE");
          xml.writeAttribute("message", check.subject().subject() + " is incompatible under " + check.subject().level());
          xml.writeCharacters(details);
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }
}
