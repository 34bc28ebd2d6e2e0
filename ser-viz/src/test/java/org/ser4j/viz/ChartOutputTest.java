package org.ser4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartOutputTest {

  private static Chart sample() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("angry", 40);
    counts.put("sad", 25);
    return Charts.classCounts(counts, "Counts");
  }

  @Test
  void rendersWithoutADisplayAndWithoutChangingProcessSettings() {
    String before = System.getProperty("java.awt.headless");
    sample().toPng();
    assertThat(System.getProperty("java.awt.headless")).isEqualTo(before);
    if (System.getenv("DISPLAY") == null) {
      assertThat(GraphicsEnvironment.isHeadless()).isTrue(); // the JDK's own default without a display
    }
  }

  @Test
  void pngDecodesToTheRequestedSize() {
    Chart chart = sample();
    BufferedImage img = TestSignals.decode(chart.toPng(640, 360));
    assertThat(img.getWidth()).isEqualTo(640);
    assertThat(img.getHeight()).isEqualTo(360);
    BufferedImage dflt = TestSignals.decode(chart.toPng());
    assertThat(dflt.getWidth()).isEqualTo(900);
    assertThat(dflt.getHeight()).isEqualTo(500);
  }

  @Test
  void withSizeChangesTheDefaultSizeOnly() {
    Chart chart = sample();
    Chart small = chart.withSize(300, 200);
    assertThat(small.jfreeChart()).isSameAs(chart.jfreeChart());
    assertThat(TestSignals.decode(small.toPng()).getWidth()).isEqualTo(300);
    assertThat(chart.width()).isEqualTo(900);
  }

  @Test
  void svgIsWellFormedXmlWithAnSvgRoot() throws Exception {
    String svg = sample().toSvg(800, 450);
    assertThat(svg).contains("<svg");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    // never fetch the SVG DTD: no network here, and well-formedness needs none
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(svg).contains("Counts").contains("angry");
  }

  @Test
  void writesPngAndSvgFilesAtomicallyCreatingDirectoriesAndLeavingNoTemporaries(@TempDir Path dir)
      throws Exception {
    Chart chart = sample();
    Path png = dir.resolve("out/nested/counts.png");
    Path svg = dir.resolve("out/nested/counts.svg");
    chart.writePng(png);
    chart.writeSvg(svg);
    chart.writePng(png); // replacing an existing file works
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
    assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg");
    try (Stream<Path> files = Files.list(png.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("counts.png",
          "counts.svg");
    }
  }

  @Test
  void rejectsSizesOutOfRange() {
    Chart chart = sample();
    assertThatThrownBy(() -> chart.toPng(0, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chart size");
    assertThatThrownBy(() -> chart.withSize(100, 5000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5000");
  }
}
