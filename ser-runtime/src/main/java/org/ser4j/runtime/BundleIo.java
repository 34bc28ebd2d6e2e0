package org.ser4j.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Reading and writing of {@link ModelBundle} files (format described there). */
final class BundleIo {
  static final String MANIFEST = "manifest.properties";
  static final String NETWORK = "network.properties";
  static final String FEATURES = "features.properties";
  static final String LABELS = "labels.properties";
  static final String METADATA = "metadata.properties";
  static final String WEIGHTS = "weights.bin";

  /** Largest accepted text entry (uncompressed). */
  static final int MAX_TEXT_BYTES = 1 << 20;
  /** Largest accepted layer width. */
  static final int MAX_UNITS = 1 << 14;
  static final int MAX_LAYERS = 64;
  /** Largest accepted parameter count (4 bytes each): 256 Mi floats = 1 GiB. */
  static final long MAX_PARAMETERS = 1L << 28;
  static final int MAX_ENTRIES = 16;
  /** Largest accepted magnitude of a layer weight or bias. */
  static final float MAX_ABS_WEIGHT = 1e6f;

  private BundleIo() {
  }

  // ---------------------------------------------------------------------------------------------- write

  static void write(ModelBundle bundle, Path file) throws IOException {
    byte[] weights = weightBytes(bundle);
    // through the one output writer: temporary file then move, links followed, FIFOs and devices refused
    org.ser4j.audio.OutputFiles.write(file, tmp -> {
      CRC32 crc = new CRC32();
      crc.update(weights);
      try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("format", ModelBundle.FORMAT_NAME);
        manifest.put("version", Integer.toString(ModelBundle.FORMAT_VERSION));
        manifest.put("weights.bytes", Integer.toString(weights.length));
        manifest.put("weights.crc32", Long.toHexString(crc.getValue()));
        entry(zip, MANIFEST, props(manifest));
        entry(zip, NETWORK, props(networkProps(bundle)));
        Map<String, String> features = new LinkedHashMap<>();
        features.put("preset", bundle.featurePreset());
        indexed(features, bundle.featureConfig());
        entry(zip, FEATURES, props(features));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("count", Integer.toString(bundle.labels().size()));
        for (int i = 0; i < bundle.labels().size(); i++) {
          labels.put("label." + i, bundle.labels().get(i));
        }
        entry(zip, LABELS, props(labels));
        Map<String, String> meta = new LinkedHashMap<>();
        indexed(meta, bundle.metadata());
        entry(zip, METADATA, props(meta));
        entry(zip, WEIGHTS, weights);
      }
    });
  }

  private static Map<String, String> networkProps(ModelBundle bundle) {
    Map<String, String> net = new LinkedHashMap<>();
    net.put("input.mode", bundle.inputMode().fileToken());
    net.put("input.length", Integer.toString(bundle.inputLength()));
    net.put("lstm.gates", "i,f,g,o");
    net.put("layers", Integer.toString(bundle.layers().size()));
    for (int i = 0; i < bundle.layers().size(); i++) {
      LayerSpec l = bundle.layers().get(i);
      String p = "layer." + i + ".";
      net.put(p + "type", l instanceof LstmLayer ? "lstm" : "dense");
      net.put(p + "nIn", Integer.toString(l.nIn()));
      net.put(p + "nOut", Integer.toString(l.nOut()));
      if (l instanceof DenseLayer d) {
        net.put(p + "activation", d.activation().id());
      }
    }
    net.put("normalization", Boolean.toString(bundle.normalization().isPresent()));
    return net;
  }

  private static void indexed(Map<String, String> into, Map<String, String> values) {
    into.put("count", Integer.toString(values.size()));
    int i = 0;
    for (Map.Entry<String, String> e : values.entrySet()) {
      into.put("key." + i, e.getKey());
      into.put("value." + i, e.getValue());
      i++;
    }
  }

  private static byte[] weightBytes(ModelBundle bundle) {
    long floats = bundle.parameterCount()
        + bundle.normalization().map(n -> 2L * n.size()).orElse(0L);
    if (floats * 4 > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("network too large for one bundle: " + floats + " floats");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) (floats * 4)).order(ByteOrder.LITTLE_ENDIAN);
    for (LayerSpec l : bundle.layers()) {
      if (l instanceof LstmLayer lstm) {
        put(buf, lstm.w);
        put(buf, lstm.rw);
        put(buf, lstm.b);
      } else if (l instanceof DenseLayer d) {
        put(buf, d.w);
        put(buf, d.b);
      }
    }
    bundle.normalization().ifPresent(n -> {
      put(buf, n.meanRef());
      put(buf, n.std());
    });
    return buf.array();
  }

  private static void put(ByteBuffer buf, float[] values) {
    buf.asFloatBuffer().put(values);
    buf.position(buf.position() + values.length * 4);
  }

  private static void entry(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0L); // reproducible files
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  /** Properties text with keys in the given order and no date comment (reproducible). */
  static byte[] props(Map<String, String> values) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      escape(sb, e.getKey(), true);
      sb.append('=');
      escape(sb, e.getValue(), false);
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void escape(StringBuilder sb, String s, boolean key) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\f' -> sb.append("\\f");
        case '=', ':', '#', '!' -> sb.append('\\').append(c);
        case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  // ----------------------------------------------------------------------------------------------- read

  /** Largest parameter count read by default: 16 Mi floats (64 MiB); see {@link ModelBundle#maxParameters()}. */
  static final long DEFAULT_MAX_PARAMETERS = 1L << 24;

  static long maxParameters() {
    String v = System.getProperty(ModelBundle.MAX_PARAMETERS_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_MAX_PARAMETERS;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n > 0 && n <= MAX_PARAMETERS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("system property " + ModelBundle.MAX_PARAMETERS_PROPERTY + " = '" + v
        + "' is not a parameter count in [1, " + MAX_PARAMETERS + "]");
  }

  /** Largest bundle held in memory (streams, byte arrays, non-default file systems). */
  static long maxBundleBytes() {
    return maxParameters() * 4 + 5L * MAX_TEXT_BYTES + 64 * 1024;
  }

  static ModelBundle read(Path file) throws IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new ModelBundleException(file, "is a directory, not a model bundle file");
    }
    if (!Files.isRegularFile(file)) {
      throw new java.nio.file.NoSuchFileException(name, null, "no model bundle file here");
    }
    try {
      if (file.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
            java.nio.file.StandardOpenOption.READ)) {
          return read(name, BundleZip.Source.of(ch), file);
        }
      }
      // other file systems (a jar, a zip, an in-memory one) may not seek: read the bytes, bounded
      try (InputStream in = Files.newInputStream(file)) {
        return read(name, BundleZip.Source.of(readBounded(in, name)), file);
      }
    } catch (ModelBundleException e) {
      throw e.file() == null ? new ModelBundleException(file, e.problem(), e.getCause()) : e;
    }
  }

  static ModelBundle read(byte[] data, String name) throws IOException {
    if (data.length > maxBundleBytes()) {
      throw new ModelBundleException(name, "too large for a model bundle: " + data.length + " bytes (at most "
          + maxBundleBytes() + ")");
    }
    return read(name, BundleZip.Source.of(data), null);
  }

  static ModelBundle read(InputStream in, String name) throws IOException {
    return read(name, BundleZip.Source.of(readBounded(in, name)), null);
  }

  private static byte[] readBounded(InputStream in, String name) throws IOException {
    long max = maxBundleBytes();
    byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
    if (data.length > max) {
      throw new ModelBundleException(name, "too large for a model bundle: more than " + max + " bytes");
    }
    return data;
  }

  private static ModelBundle read(String name, BundleZip.Source src, Path file) throws IOException {
    try {
      BundleZip zip = BundleZip.open(src, name, MAX_ENTRIES);
      return read(name, zip);
    } catch (java.io.EOFException e) {
      throw new ModelBundleException(name, "truncated zip data: " + e.getMessage(), e);
    }
  }
  private static ModelBundle read(String file, BundleZip zip) throws IOException {
    Set<String> seen = new HashSet<>();
    String first = null;
    for (BundleZip.Entry entry : zip.entries()) {
      String name = entry.name();
      if (first == null) {
        first = name;
      }
      if (!seen.add(name)) {
        throw new ModelBundleException(file, "duplicate entry '" + name + "'");
      }
    }
    if (!seen.contains(MANIFEST)) {
      throw new ModelBundleException(file, "not a model bundle: no " + MANIFEST + " entry");
    }
    if (!MANIFEST.equals(first)) {
      throw new ModelBundleException(file, "not a model bundle: first entry is '" + first + "', not " + MANIFEST);
    }
    for (String name : seen) {
      if (!ModelBundle.entryNames().contains(name)) {
        throw new ModelBundleException(file, "unexpected entry '" + name + "'");
      }
    }
    long[] total = {0};
    Properties manifest = properties(file, zip, MANIFEST, total);
    String format = manifest.getProperty("format");
    if (!ModelBundle.FORMAT_NAME.equals(format)) {
      throw new ModelBundleException(file, "not a model bundle: format is '" + format + "', expected '"
          + ModelBundle.FORMAT_NAME + "'");
    }
    int version = intValue(file, manifest, MANIFEST, "version", 1, Integer.MAX_VALUE);
    if (version != ModelBundle.FORMAT_VERSION) {
      throw new ModelBundleException(file, "unsupported bundle format version " + version + " (this reader supports "
          + ModelBundle.FORMAT_VERSION + ")");
    }

    Properties net = properties(file, zip, NETWORK, total);
    String mode = required(file, net, NETWORK, "input.mode");
    InputMode inputMode = InputMode.fromFileToken(mode);
    if (inputMode == null) {
      throw new ModelBundleException(file, NETWORK + ": unknown input.mode '" + mode + "'");
    }
    int inputLength = intValue(file, net, NETWORK, "input.length", 1, MAX_UNITS);
    String gates = net.getProperty("lstm.gates", "i,f,g,o");
    if (!"i,f,g,o".equals(gates)) {
      throw new ModelBundleException(file, NETWORK + ": unsupported LSTM gate order '" + gates + "'");
    }
    int nLayers = intValue(file, net, NETWORK, "layers", 1, MAX_LAYERS);
    boolean normalized = Boolean.parseBoolean(net.getProperty("normalization", "false"));
    String[] types = new String[nLayers];
    int[] nIn = new int[nLayers];
    int[] nOut = new int[nLayers];
    Activation[] acts = new Activation[nLayers];
    long floats = 0;
    for (int i = 0; i < nLayers; i++) {
      String p = "layer." + i + ".";
      types[i] = required(file, net, NETWORK, p + "type");
      nIn[i] = intValue(file, net, NETWORK, p + "nIn", 1, MAX_UNITS);
      nOut[i] = intValue(file, net, NETWORK, p + "nOut", 1, MAX_UNITS);
      switch (types[i]) {
        case "lstm" -> floats += 4L * nOut[i] * (nIn[i] + nOut[i] + 1L);
        case "dense" -> {
          String a = required(file, net, NETWORK, p + "activation");
          try {
            acts[i] = Activation.fromId(a);
          } catch (IllegalArgumentException e) {
            throw new ModelBundleException(file, NETWORK + ": layer " + i + ": unknown activation '" + a + "'");
          }
          floats += (long) nOut[i] * (nIn[i] + 1L);
        }
        default -> throw new ModelBundleException(file, NETWORK + ": layer " + i + ": unknown type '" + types[i] + "'");
      }
    }
    if (normalized) {
      floats += 2L * inputLength;
    }
    long maxParameters = maxParameters();
    if (floats > maxParameters) {
      throw new ModelBundleException(file, NETWORK + ": declares " + floats + " parameters, more than the limit of "
          + maxParameters + " (raise it with -D" + ModelBundle.MAX_PARAMETERS_PROPERTY + "=N if the model is genuine)");
    }
    long expectedBytes = floats * 4;
    long declared = longValue(file, manifest, "weights.bytes");
    if (declared != expectedBytes) {
      throw new ModelBundleException(file, "shape mismatch: manifest says weights.bin has " + declared
          + " bytes, the declared layer shapes need " + expectedBytes);
    }
    byte[] weights = bytes(file, zip, WEIGHTS, expectedBytes, total);
    if (weights.length != expectedBytes) {
      throw new ModelBundleException(file, "shape mismatch: weights.bin has " + weights.length
          + " bytes, the declared layer shapes need " + expectedBytes);
    }
    CRC32 crc = new CRC32();
    crc.update(weights);
    String crcText = required(file, manifest, MANIFEST, "weights.crc32");
    if (!Long.toHexString(crc.getValue()).equalsIgnoreCase(crcText)) {
      throw new ModelBundleException(file, "corrupt weights: CRC-32 " + Long.toHexString(crc.getValue())
          + " does not match the manifest's " + crcText);
    }
    ByteBuffer buf = ByteBuffer.wrap(weights).order(ByteOrder.LITTLE_ENDIAN);
    List<LayerSpec> layers = new ArrayList<>();
    for (int i = 0; i < nLayers; i++) {
      if (types[i].equals("lstm")) {
        int g = 4 * nOut[i];
        float[] w = floats(file, buf, nIn[i] * g, MAX_ABS_WEIGHT);
        float[] rw = floats(file, buf, nOut[i] * g, MAX_ABS_WEIGHT);
        float[] b = floats(file, buf, g, MAX_ABS_WEIGHT);
        layers.add(new LstmLayer(nIn[i], nOut[i], w, rw, b));
      } else {
        float[] w = floats(file, buf, nIn[i] * nOut[i], MAX_ABS_WEIGHT);
        float[] b = floats(file, buf, nOut[i], MAX_ABS_WEIGHT);
        layers.add(new DenseLayer(nIn[i], nOut[i], w, b, acts[i]));
      }
    }
    Normalization normalization = null;
    if (normalized) {
      float[] mean = floats(file, buf, inputLength, Float.MAX_VALUE);
      float[] std = floats(file, buf, inputLength, Float.MAX_VALUE);
      try {
        normalization = new Normalization(mean, std);
      } catch (IllegalArgumentException e) {
        throw new ModelBundleException(file, "bad normalisation statistics: " + e.getMessage(), e);
      }
    }

    Properties features = properties(file, zip, FEATURES, total);
    Properties labelProps = properties(file, zip, LABELS, total);
    Properties meta = properties(file, zip, METADATA, total);
    int nLabels = intValue(file, labelProps, LABELS, "count", 1, MAX_UNITS);
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < nLabels; i++) {
      labels.add(required(file, labelProps, LABELS, "label." + i));
    }
    ModelBundle.Builder b = ModelBundle.builder()
        .layers(layers)
        .featurePreset(required(file, features, FEATURES, "preset"))
        .featureConfig(indexedMap(file, features, FEATURES))
        .labels(labels)
        .normalization(normalization)
        .metadata(indexedMap(file, meta, METADATA));
    if (inputMode == InputMode.VECTOR_AS_STEPS) {
      b.pooledInput(inputLength);
    } else {
      b.sequenceInput();
    }
    try {
      ModelBundle bundle = b.build();
      if (bundle.inputLength() != inputLength) {
        throw new ModelBundleException(file, "shape mismatch: input.length " + inputLength
            + " but the first layer takes " + bundle.inputLength());
      }
      FeatureRecipes.check(bundle, file);
      return bundle;
    } catch (IllegalArgumentException e) {
      throw new ModelBundleException(file, "inconsistent bundle: " + e.getMessage(), e);
    }
  }

  private static float[] floats(String file, ByteBuffer buf, int n, float maxAbs) throws ModelBundleException {
    float[] out = new float[n];
    buf.asFloatBuffer().get(out);
    buf.position(buf.position() + n * 4);
    for (int i = 0; i < n; i++) {
      if (!Float.isFinite(out[i])) {
        throw new ModelBundleException(file, "corrupt weights: non-finite value " + out[i]);
      }
      if (Math.abs(out[i]) > maxAbs) {
        throw new ModelBundleException(file, "corrupt weights: |" + out[i] + "| exceeds " + maxAbs
            + " (no trained network has such weights; float arithmetic would overflow)");
      }
    }
    return out;
  }

  private static Map<String, String> indexedMap(String file, Properties p, String entry) throws ModelBundleException {
    int count = intValue(file, p, entry, "count", 0, 100_000);
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = required(file, p, entry, "key." + i);
      if (map.put(key, required(file, p, entry, "value." + i)) != null) {
        throw new ModelBundleException(file, entry + ": duplicate key '" + key + "'");
      }
    }
    return map;
  }

  private static String required(String file, Properties p, String entry, String key) throws ModelBundleException {
    String v = p.getProperty(key);
    if (v == null) {
      throw new ModelBundleException(file, entry + ": missing '" + key + "'");
    }
    return v;
  }

  private static int intValue(String file, Properties p, String entry, String key, int min, int max)
      throws ModelBundleException {
    String v = required(file, p, entry, key).trim();
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new ModelBundleException(file, entry + ": '" + key + "' = " + i + " is outside [" + min + ", " + max + "]");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ModelBundleException(file, entry + ": '" + key + "' is not an integer: '" + v + "'");
    }
  }

  private static long longValue(String file, Properties p, String key) throws ModelBundleException {
    String v = required(file, p, MANIFEST, key).trim();
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ModelBundleException(file, MANIFEST + ": '" + key + "' is not an integer: '" + v + "'");
    }
  }

  private static Properties properties(String file, BundleZip zip, String name, long[] total) throws IOException {
    byte[] data = bytes(file, zip, name, MAX_TEXT_BYTES, total);
    Properties p = new Properties();
    try (InputStreamReader r = new InputStreamReader(new ByteArrayInputStream(data), StandardCharsets.ISO_8859_1)) {
      p.load(r);
    } catch (IllegalArgumentException e) {
      throw new ModelBundleException(file, name + ": malformed properties text: " + e.getMessage(), e);
    }
    return p;
  }

  /** Reads an entry (CRC-checked, bounded by {@code limit}; see {@link BundleZip#read}). */
  private static byte[] bytes(String file, BundleZip zip, String name, long limit, long[] total) throws IOException {
    BundleZip.Entry e = zip.entries().stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (e == null) {
      throw new ModelBundleException(file, "missing entry '" + name + "'");
    }
    byte[] data = zip.read(e, limit);
    total[0] += data.length;
    return data;
  }
}
