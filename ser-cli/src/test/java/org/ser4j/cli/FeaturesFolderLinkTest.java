package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.testing.SharedData;

/** {@code ser features} on a symbolic link to a folder scans the folder it points to. */
class FeaturesFolderLinkTest {

  @TempDir Path dir;

  @Test
  void aLinkedFolderGivenAsArgumentIsScanned() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real/sub"));
    Files.copy(SharedData.golden("sine440_22050.wav"), real.resolve("a.wav"));
    Files.copy(SharedData.golden("chirp_22050.wav"), real.resolve("b.wav"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
    Path csv = dir.resolve("mean.csv");

    CliRun run = CliRun.of("features", link.toString(), "--out", csv.toString(), "--pool", "mean");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("2 file(s): 2 done");
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith(link.resolve("sub").resolve("a.wav").toString());
    assertThat(lines.get(2)).startsWith(link.resolve("sub").resolve("b.wav").toString());
  }
}
