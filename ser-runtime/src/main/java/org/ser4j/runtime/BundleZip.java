package org.ser4j.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict reader of the small, single-disk zip archives that bundles are, over a file channel or bytes in
 * memory. Unlike {@link java.util.zip.ZipFile} it needs no {@link java.io.File} (so it reads from any source),
 * checks every entry's CRC-32 and sizes (stored and deflated alike), and names what is wrong in every
 * failure. Zip64, encryption, multi-disk archives and compression methods other than stored and deflated
 * are rejected; bundles never use them.
 */
final class BundleZip {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int LOC_SIG = 0x04034b50;
  private static final int EOCD_LEN = 22;
  private static final int CEN_LEN = 46;
  private static final int LOC_LEN = 30;

  /** Positional reads of the archive bytes. */
  interface Source {
    long size() throws IOException;

    /** Fills {@code dst} from {@code position}; fewer bytes only at the end. */
    void readAt(long position, ByteBuffer dst) throws IOException;

    static Source of(byte[] data) {
      return new Source() {
        @Override
        public long size() {
          return data.length;
        }

        @Override
        public void readAt(long position, ByteBuffer dst) {
          if (position < data.length) {
            dst.put(data, (int) position, (int) Math.min(dst.remaining(), data.length - position));
          }
        }
      };
    }

    static Source of(FileChannel channel) {
      return new Source() {
        @Override
        public long size() throws IOException {
          return channel.size();
        }

        @Override
        public void readAt(long position, ByteBuffer dst) throws IOException {
          long p = position;
          while (dst.hasRemaining()) {
            int n = channel.read(dst, p);
            if (n < 0) {
              break;
            }
            p += n;
          }
        }
      };
    }
  }

  /** One central-directory entry, in archive order. */
  record Entry(String name, int method, long crc, long compressedSize, long size, long localOffset) {
  }

  private final Source src;
  private final String name;
  private final List<Entry> entries;
  private final long centralStart;

  private BundleZip(Source src, String name, List<Entry> entries, long centralStart) {
    this.src = src;
    this.name = name;
    this.entries = entries;
    this.centralStart = centralStart;
  }

  /** Parses the end record and the central directory; at most {@code maxEntries} entries. */
  static BundleZip open(Source src, String name, int maxEntries) throws IOException {
    long size = src.size();
    if (size < EOCD_LEN) {
      throw new ModelBundleException(name, "not a model bundle: not a zip archive (" + size + " bytes)");
    }
    int tail = (int) Math.min(size, EOCD_LEN + 0xFFFF);
    ByteBuffer end = read(src, size - tail, tail);
    int eocd = -1;
    int badComment = -1;
    for (int i = tail - EOCD_LEN; i >= 0; i--) {
      if (end.getInt(i) == EOCD_SIG) {
        int commentLength = end.getShort(i + 20) & 0xFFFF;
        if (i + EOCD_LEN + commentLength == tail) {
          eocd = i;
          break;
        }
        if (badComment < 0) {
          badComment = i;
        }
      }
    }
    if (eocd < 0) {
      if (badComment >= 0) {
        throw new ModelBundleException(name, "corrupt zip end record: its comment length "
            + (end.getShort(badComment + 20) & 0xFFFF) + " does not match the " + (tail - badComment - EOCD_LEN)
            + " bytes that follow it (truncated or damaged file)");
      }
      throw new ModelBundleException(name, "not a model bundle: not a zip archive, or truncated/corrupt"
          + " (no zip end record)");
    }
    int disk = end.getShort(eocd + 4) & 0xFFFF;
    int cdDisk = end.getShort(eocd + 6) & 0xFFFF;
    int onDisk = end.getShort(eocd + 8) & 0xFFFF;
    int total = end.getShort(eocd + 10) & 0xFFFF;
    long cdSize = end.getInt(eocd + 12) & 0xFFFFFFFFL;
    long cdOffset = end.getInt(eocd + 16) & 0xFFFFFFFFL;
    long eocdPos = size - tail + eocd;
    if (disk != 0 || cdDisk != 0 || onDisk != total) {
      throw new ModelBundleException(name, "corrupt zip end record: multi-disk archive fields (" + disk + ", "
          + cdDisk + ", " + onDisk + " of " + total + " entries)");
    }
    if (total > maxEntries) {
      throw new ModelBundleException(name, "not a model bundle: " + total + " entries (at most " + maxEntries
          + " expected)");
    }
    if (cdOffset + cdSize != eocdPos) {
      throw new ModelBundleException(name, "corrupt zip end record: the central directory (" + cdSize
          + " bytes at " + cdOffset + ") does not end where the end record starts (" + eocdPos + ")");
    }
    if (cdSize > (long) maxEntries * (CEN_LEN + 3 * 0xFFFF)) {
      throw new ModelBundleException(name, "corrupt zip: central directory of " + cdSize + " bytes");
    }
    ByteBuffer cd = read(src, cdOffset, (int) cdSize);
    List<Entry> list = new ArrayList<>();
    int p = 0;
    for (int k = 0; k < total; k++) {
      if (p + CEN_LEN > cdSize || cd.getInt(p) != CEN_SIG) {
        throw new ModelBundleException(name, "corrupt zip central directory at entry " + k);
      }
      int flags = cd.getShort(p + 8) & 0xFFFF;
      int method = cd.getShort(p + 10) & 0xFFFF;
      long crc = cd.getInt(p + 16) & 0xFFFFFFFFL;
      long csize = cd.getInt(p + 20) & 0xFFFFFFFFL;
      long usize = cd.getInt(p + 24) & 0xFFFFFFFFL;
      int nameLen = cd.getShort(p + 28) & 0xFFFF;
      int extraLen = cd.getShort(p + 30) & 0xFFFF;
      int commentLen = cd.getShort(p + 32) & 0xFFFF;
      long local = cd.getInt(p + 42) & 0xFFFFFFFFL;
      if (p + CEN_LEN + (long) nameLen + extraLen + commentLen > cdSize) {
        throw new ModelBundleException(name, "corrupt zip central directory at entry " + k
            + " (its name runs past the directory)");
      }
      byte[] nameBytes = new byte[nameLen];
      cd.get(p + CEN_LEN, nameBytes);
      String entryName = new String(nameBytes, StandardCharsets.UTF_8);
      if ((flags & 1) != 0) {
        throw new ModelBundleException(name, "entry '" + entryName + "' is encrypted");
      }
      if (method != 0 && method != 8) {
        throw new ModelBundleException(name, "entry '" + entryName + "' uses compression method " + method
            + " (only stored and deflated are read)");
      }
      if (csize == 0xFFFFFFFFL || usize == 0xFFFFFFFFL || local == 0xFFFFFFFFL) {
        throw new ModelBundleException(name, "entry '" + entryName + "' is a zip64 entry (not used by bundles)");
      }
      if (method == 0 && csize != usize) {
        throw new ModelBundleException(name, "entry '" + entryName + "' is stored but its sizes differ ("
            + csize + " and " + usize + ")");
      }
      if (local + LOC_LEN + csize > cdOffset) {
        throw new ModelBundleException(name, "corrupt zip: entry '" + entryName + "' (" + csize + " bytes at "
            + local + ") runs into the central directory at " + cdOffset);
      }
      list.add(new Entry(entryName, method, crc, csize, usize, local));
      p += CEN_LEN + nameLen + extraLen + commentLen;
    }
    if (p != cdSize) {
      throw new ModelBundleException(name, "corrupt zip central directory: " + (cdSize - p)
          + " bytes left after " + total + " entries");
    }
    return new BundleZip(src, name, Collections.unmodifiableList(list), cdOffset);
  }

  List<Entry> entries() {
    return entries;
  }

  /**
   * The entry's bytes, refusing more than {@code limit}: the declared size is checked before anything is
   * allocated, the inflated bytes are counted as they come (a lying size or a compression bomb stops at the
   * limit), and the sizes and CRC-32 must match the central directory.
   */
  byte[] read(Entry e, long limit) throws IOException {
    if (e.size() > limit) {
      throw new ModelBundleException(name, "entry '" + e.name() + "' declares " + e.size()
          + " bytes, more than the " + limit + " bytes allowed");
    }
    ByteBuffer loc = read(src, e.localOffset(), LOC_LEN);
    if (loc.getInt(0) != LOC_SIG) {
      throw new ModelBundleException(name, "corrupt zip: no local header for entry '" + e.name() + "' at "
          + e.localOffset());
    }
    int nameLen = loc.getShort(26) & 0xFFFF;
    int extraLen = loc.getShort(28) & 0xFFFF;
    ByteBuffer localName = read(src, e.localOffset() + LOC_LEN, nameLen);
    if (!new String(localName.array(), StandardCharsets.UTF_8).equals(e.name())) {
      throw new ModelBundleException(name, "corrupt zip: the local header of entry '" + e.name()
          + "' names another entry");
    }
    long dataStart = e.localOffset() + LOC_LEN + nameLen + extraLen;
    if (dataStart + e.compressedSize() > centralStart) {
      throw new ModelBundleException(name, "corrupt zip: entry '" + e.name() + "' runs into the central directory");
    }
    byte[] out = new byte[(int) e.size()];
    if (e.method() == 0) {
      ByteBuffer data = read(src, dataStart, (int) e.compressedSize());
      System.arraycopy(data.array(), 0, out, 0, out.length);
    } else {
      inflate(e, dataStart, out, limit);
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    if (crc.getValue() != e.crc()) {
      throw new ModelBundleException(name, "corrupt entry '" + e.name() + "': CRC-32 "
          + Long.toHexString(crc.getValue()) + " does not match the archive's " + Long.toHexString(e.crc()));
    }
    return out;
  }

  private void inflate(Entry e, long dataStart, byte[] out, long limit) throws IOException {
    Inflater inf = new Inflater(true);
    try {
      long pos = dataStart;
      long left = e.compressedSize();
      int n = 0;
      byte[] in = new byte[(int) Math.min(64 * 1024, Math.max(1, left))];
      byte[] spill = new byte[1];
      boolean dummy = false;
      while (!inf.finished()) {
        if (inf.needsInput()) {
          if (left > 0) {
            int chunk = (int) Math.min(in.length, left);
            ByteBuffer b = ByteBuffer.wrap(in, 0, chunk);
            src.readAt(pos, b);
            if (b.hasRemaining()) {
              throw new ModelBundleException(name, "truncated zip data in entry '" + e.name() + "'");
            }
            pos += chunk;
            left -= chunk;
            inf.setInput(in, 0, chunk);
          } else if (!dummy) {
            dummy = true; // raw inflate may want one byte past the stream (as ZipFile supplies)
            inf.setInput(new byte[1]);
          } else {
            throw new ModelBundleException(name, "truncated zip data in entry '" + e.name() + "'");
          }
        }
        int got;
        if (n < out.length) {
          got = inf.inflate(out, n, out.length - n);
          n += got;
        } else {
          got = inf.inflate(spill);
          if (got > 0) {
            throw new ModelBundleException(name, "entry '" + e.name() + "' inflates to more than "
                + (out.length == limit ? "the " + limit + " bytes allowed" : "its declared " + out.length + " bytes")
                + " (compression bomb or shape mismatch)");
          }
        }
        if (got == 0 && inf.needsDictionary()) {
          throw new ModelBundleException(name, "corrupt zip data in entry '" + e.name() + "'");
        }
      }
      if (n != out.length) {
        throw new ModelBundleException(name, "entry '" + e.name() + "' inflates to " + n
            + " bytes, the archive declares " + out.length);
      }
    } catch (DataFormatException ex) {
      throw new ModelBundleException(name, "corrupt zip data in entry '" + e.name() + "': " + ex.getMessage(), ex);
    } finally {
      inf.end();
    }
  }

  private static ByteBuffer read(Source src, long position, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    src.readAt(position, b);
    if (b.hasRemaining()) {
      throw new java.io.EOFException("zip data ends early at " + (position + b.position()));
    }
    b.flip();
    return b;
  }
}
