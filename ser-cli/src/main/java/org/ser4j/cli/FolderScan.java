package org.ser4j.cli;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.ser4j.audio.OutputFiles;

/**
 * The regular files under a folder (recursively, following symbolic links, sorted) and, one line each, what
 * could not be visited: symbolic link loops, dangling links, unreadable folders, special files.
 */
record FolderScan(List<Path> files, List<String> problems) {

  static FolderScan of(Path root) {
    List<Path> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) {
                files.add(file);
              } else if (attrs.isSymbolicLink()) {
                problems.add(file + ": dangling symbolic link (its target does not exist); left out");
              } else if (!attrs.isDirectory()) {
                problems.add(file + ": not a regular file (a FIFO, socket or device); left out");
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              if (e instanceof FileSystemLoopException) {
                problems.add(file + ": symbolic link loop (a link to a folder that contains it); left out");
              } else {
                problems.add(file + ": cannot read: " + OutputFiles.reason(e) + "; left out");
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(root + ": cannot read: " + OutputFiles.reason(e));
    }
    files.sort(null);
    return new FolderScan(List.copyOf(files), List.copyOf(problems));
  }
}
