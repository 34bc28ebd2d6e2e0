package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.ser4j.audio.OutputFiles;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks on the files a command reads and writes, so that no command destroys its own input. */
final class CliFiles {

  private CliFiles() {}

  /**
   * What identifies the file at {@code p} once links are followed: its inode (file key) if it exists, else
   * the real path it would be created at.
   */
  static Object identity(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class);
      if (a.fileKey() != null) {
        return a.fileKey();
      }
      return abs.toRealPath().toString();
    } catch (IOException e) {
      // does not exist (or cannot be read): where it would be created, through links
      try {
        Path target = OutputFiles.checkWritable(abs);
        Path parent = target.getParent();
        Path realParent = parent != null && Files.exists(parent) ? parent.toRealPath() : parent;
        return realParent == null ? target.toString() : realParent.resolve(target.getFileName()).toString();
      } catch (IOException again) {
        return abs.toString();
      }
    }
  }

  /** Identities of the given input files. */
  static Map<Object, Path> identities(Collection<Path> inputs) {
    Map<Object, Path> ids = new HashMap<>();
    for (Path in : inputs) {
      if (Files.exists(in)) {
        ids.putIfAbsent(identity(in), in);
      }
    }
    return ids;
  }

  /**
   * A usage error (exit 2) if writing {@code out} would replace one of {@code inputs} (compared as real
   * files: links, {@code ..}, hard links).
   */
  static void refuseInput(CommandSpec spec, Path out, Map<Object, Path> inputs) {
    Path in = inputs.get(identity(out));
    if (in != null) {
      throw new ParameterException(spec.commandLine(), "the output " + out + " is the input " + in
          + ": refusing to overwrite it");
    }
  }

  /**
   * A usage error (exit 2) unless {@code out} can be an output file: not a folder, FIFO or device, and not
   * an input.
   */
  static void checkOutputFile(CommandSpec spec, Path out, Collection<Path> inputs) {
    refuseInput(spec, out, identities(inputs));
    try {
      OutputFiles.checkWritable(out);
    } catch (FileSystemException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    } catch (IOException e) {
      throw new ParameterException(spec.commandLine(), out + ": " + OutputFiles.reason(e));
    }
  }

  /** Whether anything (a file, folder, FIFO, device or link, even dangling) exists at {@code p}. */
  static boolean existsNoFollow(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  /** A one-line description of a failed file operation: the path as the user gave it and the reason. */
  static String describe(IOException e) {
    if (e instanceof FileSystemException fse && fse.getFile() != null) {
      return fse.getFile() + (fse.getOtherFile() != null ? " -> " + fse.getOtherFile() : "") + ": "
          + OutputFiles.reason(e);
    }
    String m = e.getMessage();
    return oneLine(m == null ? e.getClass().getSimpleName() : m);
  }

  static String oneLine(String s) {
    return s.replaceAll("\\R", " ").replaceAll("\\p{Cntrl}", "?");
  }
}
