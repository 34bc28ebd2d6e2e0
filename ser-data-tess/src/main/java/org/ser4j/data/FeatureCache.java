package org.ser4j.data;

import org.ser4j.audio.OutputFiles;
import org.ser4j.features.FeatureSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-disk cache of feature matrices, keyed by the audio file's identity and the full {@link FeatureSpec}.
 *
 * <p>The key is a SHA-256 over the spec's {@link org.ser4j.features.FeatureSpec#cacheKey()}, the file's absolute path, size and
 * modification time ({@link KeyMode#METADATA}, the default), plus a SHA-256 of the file's bytes with
 * {@link KeyMode#CONTENT}. A changed file or spec therefore never returns stale features.
 *
 * <p>Each entry is one file: a magic number, the full key, the matrix shape, the floats and a CRC-32 of all
 * that. An entry that is half-written, truncated, corrupt or for another key is detected, ignored and
 * recomputed. Entries are written to a temporary file and moved into place atomically, so processes that
 * share a cache folder never see each other's partial writes. Thread-safe.
 */
public final class FeatureCache {

  /** What identifies an audio file's content. */
  public enum KeyMode {
    /** Absolute path, size and modification time: fast (one {@code stat}); the default. */
    METADATA,
    /** Also a SHA-256 of the file's bytes: robust to tools that keep modification times, slower. */
    CONTENT
  }

  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
  private static final int MAGIC = 0x5334_4A46; // "S4JF"
  private static final int HEADER = 4 + 32 + 4 + 4;
  private static final int MAX_VALUES = 1 << 26; // 256 MiB of floats: more is not a feature matrix

  private final Path dir;
  private final KeyMode mode;

  /** A cache in {@code dir} (created when first written) keyed by {@link KeyMode#METADATA}. */
  public FeatureCache(Path dir) {
    this(dir, KeyMode.METADATA);
  }

  /**
   * A cache in {@code dir} (created when first written).
   *
   * @param dir the cache folder; made absolute
   * @param mode what identifies an audio file's content
   */
  public FeatureCache(Path dir, KeyMode mode) {
    this.dir = dir.toAbsolutePath();
    this.mode = mode;
  }

  /** {@return the cache folder, absolute} */
  public Path dir() {
    return dir;
  }

  /** The key of {@code file} under {@code spec}: 32 bytes. */
  byte[] key(Path file, FeatureSpec spec) throws IOException {
    return key(file, spec, null);
  }

  /** The key of a variant of {@code file}'s features (e.g. an augmented copy), or of the file itself when null. */
  byte[] key(Path file, FeatureSpec spec, String variant) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
    MessageDigest sha = sha256();
    sha.update(spec.cacheKey().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(abs.toString().getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(Long.toString(attrs.size()).getBytes(StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(attrs.lastModifiedTime().toInstant().toString().getBytes(StandardCharsets.US_ASCII));
    if (mode == KeyMode.CONTENT) {
      MessageDigest content = sha256();
      try (InputStream in = Files.newInputStream(abs)) {
        byte[] buf = new byte[65536];
        for (int n; (n = in.read(buf)) > 0; ) {
          content.update(buf, 0, n);
        }
      }
      sha.update(content.digest());
    }
    if (variant != null) {
      sha.update((byte) 0);
      sha.update(("variant:" + variant).getBytes(StandardCharsets.UTF_8));
    }
    return sha.digest();
  }

  private Path entry(byte[] key) {
    String hex = hex(key);
    return dir.resolve(hex.substring(0, 2)).resolve(hex + ".f32");
  }

  /** The cached matrix for {@code key}, or empty if there is none or it is unusable. */
  Optional<float[][]> get(byte[] key) {
    Path p = entry(key);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.debug("cache entry {} unreadable: {}", p, e.toString());
      return Optional.empty();
    }
    float[][] m = decode(bytes, key);
    if (m == null) {
      LOG.debug("cache entry {} is corrupt or for another key; recomputing", p);
    }
    return Optional.ofNullable(m);
  }

  /** Stores {@code matrix} under {@code key} (atomically replacing any entry). */
  void put(byte[] key, float[][] matrix) throws IOException {
    Path p = entry(key);
    byte[] bytes = encode(key, matrix);
    OutputFiles.write(p, tmp -> Files.write(tmp, bytes));
  }

  static byte[] encode(byte[] key, float[][] m) {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    ByteBuffer b = ByteBuffer.allocate(HEADER + rows * cols * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).put(key).putInt(rows).putInt(cols);
    for (float[] row : m) {
      for (float v : row) {
        b.putFloat(v);
      }
    }
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return b.array();
  }

  static float[][] decode(byte[] bytes, byte[] key) {
    if (bytes.length < HEADER + 4) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt() != MAGIC) {
      return null;
    }
    byte[] stored = new byte[32];
    b.get(stored);
    if (!Arrays.equals(stored, key)) {
      return null;
    }
    int rows = b.getInt();
    int cols = b.getInt();
    if (rows < 0 || cols < 0 || (long) rows * cols > MAX_VALUES
        || bytes.length != HEADER + (long) rows * cols * 4 + 4) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()) {
      return null;
    }
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = b.getFloat();
      }
    }
    return m;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte x : bytes) {
      sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
    }
    return sb.toString();
  }
}
