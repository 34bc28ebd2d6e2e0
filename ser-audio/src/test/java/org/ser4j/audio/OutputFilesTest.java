package org.ser4j.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  @TempDir Path dir;

  @Test
  void writesThroughASymbolicLinkAndKeepsTheLink() throws IOException {
    Path target = Files.writeString(dir.resolve("target.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);

    Path written = OutputFiles.write(link, tmp -> Files.writeString(tmp, "new"));

    assertThat(written).isEqualTo(target.toAbsolutePath());
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("new");
  }

  @Test
  void aDanglingLinkIsWrittenThroughToItsTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("sub/new.txt"));
    OutputFiles.write(link, tmp -> Files.writeString(tmp, "x"));
    assertThat(Files.readString(dir.resolve("sub/new.txt"))).isEqualTo("x");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  @Test
  void foldersFifosAndDevicesAreRefusedAndLeftAlone() throws Exception {
    assertThatThrownBy(() -> OutputFiles.write(dir, tmp -> Files.writeString(tmp, "x")))
        .isInstanceOf(FileSystemException.class).hasMessage(dir + ": is a directory");
    // a device node of our own (never the system's /dev/null: a regression run as root would replace it)
    Path device = dir.resolve("null-device");
    if (new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0) {
      assertThatThrownBy(() -> OutputFiles.write(device, tmp -> Files.writeString(tmp, "x")))
          .isInstanceOf(FileSystemException.class).hasMessageContaining("null-device: is not a regular file");
      assertThat(Files.isRegularFile(device)).isFalse();
    }
    Path fifo = dir.resolve("fifo");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
    assertThatThrownBy(() -> OutputFiles.write(fifo, tmp -> Files.writeString(tmp, "x")))
        .hasMessageContaining("fifo: is not a regular file");
    assertThat(Files.isRegularFile(fifo)).isFalse();
  }

  @Test
  void aFailedWriteKeepsTheOldContentNamesTheUsersFileAndLeavesNoTemporaryFile() throws IOException {
    Path out = Files.writeString(dir.resolve("out.txt"), "old");
    assertThatThrownBy(() -> OutputFiles.write(out, tmp -> {
      throw new IOException(tmp + ": No space left on device");
    })).isInstanceOf(FileSystemException.class).hasMessage(out + ": disk full");
    assertThat(Files.readString(out)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void aFileWhereAFolderShouldBeIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> OutputFiles.write(file.resolve("a/b.txt"), tmp -> { }))
        .isInstanceOf(FileSystemException.class).hasMessageContaining("not a folder: " + file);
  }
}
