package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.data.SyntheticTess;

class ReproduceCommandTest {

  @TempDir Path dir;

  @Test
  void embeddedDefaultWritesAReportThatSaysTheDataAreSynthetic() throws IOException {
    Path out = dir.resolve("report");

    CliRun run = CliRun.of("reproduce", "--out", out.toString(), "--epochs", "1");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("SYNTHETIC corpus").contains("(SYNTHETIC data)");
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).contains("SYNTHETIC DATA.");
    assertEveryFigureIsThereAndNotBlank(out, html);
    com.fasterxml.jackson.databind.JsonNode metrics = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(out.resolve("metrics.json").toFile());
    assertThat(metrics.get("synthetic").asBoolean()).isTrue();
    assertThat(metrics.get("train_size").asInt()).isEqualTo(336);
    assertThat(metrics.get("history").size()).isEqualTo(1);
    assertThat(metrics.get("test").get("accuracy").isNumber()).isTrue();
    assertThat(metrics.get("history").get(0).get("val_accuracy").isNumber()).isTrue();
    assertThat(out.resolve("model.ser4j")).isNotEmptyFile();
  }

  @Test
  void realDataReportHasNoSyntheticBanner() throws IOException {
    Path data = dir.resolve("data");
    SyntheticTess.write(data, 2, 3); // stands in for a user's TESS folder
    Path out = dir.resolve("report");

    CliRun run = CliRun.of("reproduce", "--data", data.toString(), "--out", out.toString(), "--epochs", "1",
        "--split", "speaker");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).doesNotContain("SYNTHETIC DATA.").contains("speaker-held-out");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("metrics.json").toFile())
        .get("synthetic").asBoolean()).isFalse();
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(CliRun.of("reproduce", "--split", "colour", "--out", dir.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.of("reproduce", "--epochs", "0", "--out", dir.toString()).exitCode()).isEqualTo(2);
  }

  private static void assertEveryFigureIsThereAndNotBlank(Path out, String html) throws IOException {
    Matcher m = Pattern.compile("<img src=\"(figures/[^\"]+\\.png)\"").matcher(html);
    int figures = 0;
    while (m.find()) {
      figures++;
      BufferedImage img = ImageIO.read(out.resolve(m.group(1)).toFile());
      assertThat(img).as(m.group(1)).isNotNull();
      java.util.Set<Integer> colours = new java.util.HashSet<>();
      for (int y = 0; y < img.getHeight(); y += 7) {
        for (int x = 0; x < img.getWidth(); x += 7) {
          colours.add(img.getRGB(x, y));
        }
      }
      assertThat(colours.size()).as(m.group(1) + " distinct colours").isGreaterThan(20);
      assertThat(out.resolve(m.group(1).replace(".png", ".svg"))).isNotEmptyFile();
    }
    // class counts, waveforms, 7 spectrograms, MFCC, curves, 2 confusion matrices
    assertThat(figures).isEqualTo(13);
  }
}
