package org.ser4j.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The BOM has no parent (an imported BOM must not bring the build's own dependency management), so nothing
 * in Maven keeps it in step with the reactor: these tests do.
 */
class BomTest {

  static final Path ROOT = Paths.get(System.getProperty("ser4j.project.dir", "../"));

  static Document pom(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  static String child(Element e, String name) {
    NodeList l = e.getElementsByTagName(name);
    return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
  }

  @Test
  void bomVersionIsTheParentsVersion() throws Exception {
    Element parent = pom(ROOT.resolve("pom.xml")).getDocumentElement();
    Element bom = pom(ROOT.resolve("ser4j-bom/pom.xml")).getDocumentElement();
    assertThat(directChild(bom, "version")).isEqualTo(directChild(parent, "version"));
  }

  @Test
  void bomManagesEveryPublishedModule() throws Exception {
    Element parent = pom(ROOT.resolve("pom.xml")).getDocumentElement();
    List<String> published = new ArrayList<>();
    NodeList modules = parent.getElementsByTagName("module");
    for (int i = 0; i < modules.getLength(); i++) {
      String dir = modules.item(i).getTextContent().trim();
      Element m = pom(ROOT.resolve(dir).resolve("pom.xml")).getDocumentElement();
      boolean skipped = Files.readString(ROOT.resolve(dir).resolve("pom.xml"))
          .contains("<maven.deploy.skip>true</maven.deploy.skip>");
      if (!dir.equals("ser4j-bom") && !skipped) {
        published.add(directChild(m, "artifactId"));
      }
    }
    Element bom = pom(ROOT.resolve("ser4j-bom/pom.xml")).getDocumentElement();
    List<String> managed = new ArrayList<>();
    NodeList deps = bom.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if ("org.ser4j".equals(child(d, "groupId"))) {
        managed.add(child(d, "artifactId"));
      }
    }
    assertThat(published).isNotEmpty();
    assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
  }

  @Test
  void bomPinsTheThirdPartyVersionsTheBuildUses() throws Exception {
    Element parent = pom(ROOT.resolve("pom.xml")).getDocumentElement();
    Element bom = pom(ROOT.resolve("ser4j-bom/pom.xml")).getDocumentElement();
    for (String property : List.of("jtransforms.version", "commons-math3.version")) {
      assertThat(child(bom, property)).as(property).isNotNull().isEqualTo(child(parent, property));
    }
  }

  static String directChild(Element e, String name) {
    NodeList l = e.getChildNodes();
    for (int i = 0; i < l.getLength(); i++) {
      if (l.item(i) instanceof Element && ((Element) l.item(i)).getTagName().equals(name)) {
        return l.item(i).getTextContent().trim();
      }
    }
    return null;
  }
}
