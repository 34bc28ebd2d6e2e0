package org.ser4j.audio;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes output files so that nothing is lost: the content goes to a temporary file beside the target, which
 * is then moved into place (atomically where the file system allows), so the file appears complete or not at
 * all and an old version survives a failed write.
 *
 * <ul>
 *   <li>A target that is a symbolic link is written through: the file the link points to is replaced, the
 *       link stays.
 *   <li>A target that is a folder, a FIFO, a socket or a device is refused (it is never replaced by a regular
 *       file).
 *   <li>Every failure is a {@link FileSystemException} naming the caller's path and the reason in words
 *       ("permission denied", "disk full", "is a directory", ...), never the temporary file's name.
 * </ul>
 *
 * <pre>{@code
 * OutputFiles.write(Paths.get("out.csv"), tmp -> Files.writeString(tmp, text));
 * }</pre>
 */
public final class OutputFiles {

  /** Most symbolic links followed before giving up, as the kernel's ELOOP limit. */
  private static final int MAX_LINKS = 40;

  /** Writes the content of an output file to the temporary path it is given. */
  @FunctionalInterface
  public interface Body {
    /**
     * Writes the whole content to {@code tmp} (an empty file that exists).
     *
     * @param tmp the temporary file to write
     * @throws IOException if writing fails; the target is then left as it was
     */
    void write(Path tmp) throws IOException;
  }

  private OutputFiles() {}

  /**
   * Writes {@code file} through a temporary file; creates missing parent folders.
   *
   * @param file the output path as the user gave it
   * @param body writes the content
   * @return the regular file actually written (the target of a symbolic link)
   * @throws FileSystemException naming {@code file} and the reason, if it cannot be written; the previous
   *     content, if any, is then unchanged
   * @throws IOException if {@code body} fails otherwise
   */
  public static Path write(Path file, Body body) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(body, "body");
    Path target = checkWritable(file);
    Path dir = target.getParent();
    Path tmp;
    try {
      createFolders(file, dir);
      // not Files.createTempFile: its owner-only permissions would carry over to the finished file
      tmp = Files.createFile(dir.resolve("." + target.getFileName() + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp"));
    } catch (IOException e) {
      throw failure(file, e);
    }
    boolean moved = false;
    try {
      body.write(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } catch (AudioFormatException e) {
      throw e;
    } catch (IOException e) {
      throw failure(file, e);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is what matters
        }
      }
    }
    return target;
  }

  /**
   * Creates {@code dir} and its missing parents, as the folder of the output {@code file}.
   *
   * @param file the output path as the user gave it, for messages
   * @param dir the folder to create
   * @throws FileSystemException naming {@code file}, if a part of the path is a file, or it cannot be created
   */
  public static void createFolders(Path file, Path dir) throws IOException {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new FileSystemException(file.toString(), null, "not a folder: " + p);
        }
        break;
      }
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /**
   * The regular file a write to {@code file} would replace or create: {@code file} itself, or the end of its
   * chain of symbolic links (even a dangling one). Nothing is written.
   *
   * @param file the output path as the user gave it
   * @return the absolute, normalised path of the file that would be written
   * @throws FileSystemException naming {@code file}, if it is a folder, a FIFO, a socket or a device, or
   *     its links loop
   * @throws IOException if a link cannot be read
   */
  public static Path checkWritable(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    Path p = file.toAbsolutePath().normalize();
    for (int i = 0; Files.isSymbolicLink(p); i++) {
      if (i >= MAX_LINKS) {
        throw new FileSystemException(file.toString(), null, "too many levels of symbolic links");
      }
      p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return p; // absent, or unreachable: writing it will say why
    }
    if (a.isDirectory()) {
      throw new FileSystemException(file.toString(), null, "is a directory");
    }
    if (!a.isRegularFile()) {
      throw new FileSystemException(file.toString(), null,
          "is not a regular file (a FIFO, socket or device); refusing to replace it");
    }
    return p;
  }

  /**
   * What went wrong, in words a user understands: "not found", "permission denied", "is a directory", "disk
   * full", "read-only file system", "already exists", "not a folder", or the system's own reason.
   *
   * @param e a failure of a file operation
   * @return a short reason, without any path
   */
  public static String reason(IOException e) {
    String raw = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason()
        : String.valueOf(e.getMessage());
    String lower = raw.toLowerCase(Locale.ROOT);
    if (lower.contains("no space left") || lower.contains("disk quota") || lower.contains("file too large")) {
      return "disk full";
    }
    if (e instanceof AccessDeniedException || lower.contains("permission denied")
        || lower.contains("operation not permitted")) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException || lower.contains("no such file")) {
      return "not found";
    }
    if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
      return "not a folder";
    }
    if (lower.contains("is a directory")) {
      return "is a directory";
    }
    if (lower.contains("read-only file system")) {
      return "read-only file system";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    if (e instanceof FileSystemException) {
      return e.getClass().getSimpleName().replace("Exception", "").toLowerCase(Locale.ROOT);
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static FileSystemException failure(Path file, IOException e) {
    FileSystemException f = new FileSystemException(file.toString(), null, reason(e));
    f.initCause(e);
    return f;
  }
}
