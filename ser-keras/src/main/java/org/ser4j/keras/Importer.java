package org.ser4j.keras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ser4j.runtime.Activation;
import org.ser4j.runtime.DenseLayer;
import org.ser4j.runtime.LayerSpec;
import org.ser4j.runtime.LstmLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one Keras HDF5 file (with jhdf, from memory) and converts its layers. Every failure, including
 * jhdf's own on corrupt structures, becomes a {@link KerasImportException} naming the file (and the layer).
 */
final class Importer {
  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  /** Largest file read (the notebook's model is 1.2 MB; 512 MiB would hold 128 M float32 weights). */
  static final long MAX_FILE_BYTES = 512L << 20;
  /** Largest layer width (as ser-runtime's bundle reader allows). */
  static final int MAX_UNITS = 1 << 14;
  static final int MAX_LAYERS = 64;
  /** Longest model_config accepted, in characters. */
  static final int MAX_CONFIG_CHARS = 4 << 20;

  /** Layers with no effect at inference time. */
  private static final Set<String> INFERENCE_NO_OPS = Set.of("Dropout", "GaussianNoise", "GaussianDropout",
      "AlphaDropout", "ActivityRegularization");

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
          .maxStringLength(MAX_CONFIG_CHARS).maxDocumentLength(MAX_CONFIG_CHARS).build())
      .build());

  private final Path file;
  private Group weights;
  private long weightBudget;

  private Importer(Path file) {
    this.file = file;
  }

  static KerasModel read(Path file) throws IOException {
    return new Importer(file).read();
  }

  private KerasModel read() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no Keras model file here");
    }
    long size = Files.size(file);
    if (size == 0) {
      throw fail(null, "empty file, not a Keras HDF5 model");
    }
    if (size > MAX_FILE_BYTES) {
      throw fail(null, "file of " + size + " bytes is larger than the " + MAX_FILE_BYTES + " bytes accepted");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length != size) {
      throw fail(null, "file changed while being read");
    }
    checkSuperblock(bytes);
    this.weightBudget = bytes.length / 4;
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put("source", "keras");
    provenance.put("source.file", String.valueOf(file.getFileName()));
    provenance.put("source.sha256", sha256(bytes));
    provenance.put("source.bytes", Long.toString(size));
    try (HdfFile h5 = HdfFile.fromBytes(bytes)) {
      return convert(h5, provenance);
    } catch (KerasImportException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      // jhdf on corrupt or truncated structures: HdfException, BufferUnderflowException, IllegalArgument...
      throw fail(null, "not a readable HDF5 file, or truncated/corrupt (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
    }
  }

  /** HDF5 signature, at 0 or after a user block of 512 x 2^k bytes. */
  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * Finds the HDF5 superblock and checks its end-of-file address against the file's length, as the HDF5
   * library does: a file cut short (even by bytes jhdf would not miss) is reported as truncated.
   */
  private void checkSuperblock(byte[] b) throws KerasImportException {
    int at = -1;
    for (long off = 0; off + SIGNATURE.length <= b.length; off = off == 0 ? 512 : off * 2) {
      if (Arrays.equals(b, (int) off, (int) off + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
        at = (int) off;
        break;
      }
    }
    if (at < 0) {
      throw fail(null, "not an HDF5 file (no HDF5 signature), so not a Keras .h5 model");
    }
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (b.length < at + 12) {
      throw fail(null, "truncated HDF5 superblock");
    }
    int version = b[at + 8] & 0xff;
    int offsets;
    int addresses; // position of the base address
    switch (version) {
      case 0, 1 -> {
        offsets = b[at + 13] & 0xff;
        addresses = at + 24 + (version == 1 ? 4 : 0);
      }
      case 2, 3 -> {
        offsets = b[at + 9] & 0xff;
        addresses = at + 12;
      }
      default -> throw fail(null, "unsupported HDF5 superblock version " + version);
    }
    if (offsets != 8 && offsets != 4) {
      throw fail(null, "corrupt HDF5 superblock (size of offsets " + offsets + ")");
    }
    int eofAt = addresses + 2 * offsets; // base address, free-space (v0, v1) or extension (v2, v3) address, EOF
    if (b.length < eofAt + offsets) {
      throw fail(null, "truncated HDF5 superblock");
    }
    long base = offsets == 8 ? buf.getLong(addresses) : buf.getInt(addresses) & 0xffffffffL;
    long eof = offsets == 8 ? buf.getLong(eofAt) : buf.getInt(eofAt) & 0xffffffffL;
    if (base < 0 || eof < 0 || base > b.length) {
      throw fail(null, "corrupt HDF5 superblock (base address " + base + ", end of file " + eof + ")");
    }
    if (base + eof > b.length) {
      throw fail(null, "truncated file: the HDF5 superblock says it has " + (base + eof) + " bytes, it has "
          + b.length);
    }
  }

  private KerasModel convert(HdfFile h5, Map<String, String> provenance) throws KerasImportException {
    String version = stringAttribute(h5, "keras_version");
    String backend = stringAttribute(h5, "backend");
    String configText = stringAttribute(h5, "model_config");
    if (configText == null) {
      if (h5.getAttributes().containsKey("layer_names")) {
        throw fail(null, "this file holds weights only (model.save_weights); the import needs the whole"
            + " model: save it with model.save('model.h5')");
      }
      throw fail(null, "not a Keras model: no 'model_config' attribute at the root of the HDF5 file");
    }
    if (version != null && version.startsWith("1.")) {
      throw fail(null, "Keras " + version + " files are not supported (Keras 2 or later)");
    }
    provenance.put("keras.version", version == null ? "unknown" : version);
    provenance.put("keras.backend", backend == null ? "unknown" : backend);
    Node w = h5.getChild("model_weights");
    if (!(w instanceof Group g)) {
      throw fail(null, "no 'model_weights' group: not a model saved with model.save('model.h5')");
    }
    this.weights = g;

    JsonNode root = parseJson(configText, "model_config");
    String modelClass = root.path("class_name").asText("");
    if (!"Sequential".equals(modelClass)) {
      throw fail(null, "the model is a '" + modelClass + "' model; only Sequential models are supported");
    }
    JsonNode config = root.path("config");
    JsonNode layerList = config.isArray() ? config : config.path("layers");
    if (!layerList.isArray() || layerList.isEmpty()) {
      throw fail(null, "model_config lists no layers");
    }
    if (layerList.size() > MAX_LAYERS) {
      throw fail(null, "model_config lists " + layerList.size() + " layers (at most " + MAX_LAYERS + ")");
    }
    provenance.put("keras.model", "Sequential '" + config.path("name").asText("") + "'");

    int[] shape = null; // per-sample shape, -1 for any
    List<LayerSpec> out = new ArrayList<>();
    List<String> summary = new ArrayList<>();
    for (int li = 0; li < layerList.size(); li++) {
      JsonNode layer = layerList.get(li);
      String cls = layer.path("class_name").asText("");
      JsonNode c = layer.path("config");
      String name = c.path("name").asText("#" + li);
      if (shape == null) {
        shape = inputShape(c);
        if (shape == null) {
          throw fail(name, "the first layer declares no input shape (batch_input_shape)");
        }
      }
      switch (cls) {
        case "InputLayer" -> {
          if (li != 0) {
            throw fail(name, "an InputLayer after the first layer");
          }
        }
        case "LSTM" -> {
          if (!out.isEmpty()) {
            throw fail(name, "an LSTM after another computing layer; the recognizer runs one LSTM, first");
          }
          if (shape.length != 2 || shape[1] <= 0) {
            throw fail(name, "LSTM input shape " + shapeText(shape) + " is not (steps, features)");
          }
          requireFlag(name, c, "return_sequences", false,
              "return_sequences=True (stacked LSTMs) is not supported: the recognizer uses the last step");
          requireFlag(name, c, "return_state", false, "return_state=True is not supported");
          requireFlag(name, c, "go_backwards", false, "go_backwards=True is not supported");
          requireFlag(name, c, "stateful", false, "stateful=True is not supported");
          requireFlag(name, c, "time_major", false, "time_major=True is not supported");
          String act = activationName(name, c.path("activation"));
          if (!"tanh".equals(act)) {
            throw fail(name, "LSTM activation '" + act + "' is not supported (tanh only)");
          }
          String rec = activationName(name, c.path("recurrent_activation"));
          if (!"sigmoid".equals(rec)) {
            throw fail(name, "LSTM recurrent_activation '" + rec + "' is not supported: the recognizer's LSTM"
                + " gates use the logistic sigmoid (older Keras defaulted to hard_sigmoid)");
          }
          int units = units(name, c);
          int nIn = shape[1];
          boolean bias = c.path("use_bias").asBoolean(true);
          Map<String, float[]> wts = weights(name, bias
              ? new String[] {"kernel", "recurrent_kernel", "bias"} : new String[] {"kernel", "recurrent_kernel"},
              bias ? new int[][] {{nIn, 4 * units}, {units, 4 * units}, {4 * units}}
                  : new int[][] {{nIn, 4 * units}, {units, 4 * units}});
          // Keras's gate blocks are i, f, c, o: the runtime's i, f, g, o; kernel (in, 4u) row-major as W[nIn][4n]
          out.add(new LstmLayer(nIn, units, wts.get("kernel"), wts.get("recurrent_kernel"),
              bias ? wts.get("bias") : new float[4 * units]));
          summary.add(name + ": LSTM(" + units + ")");
          shape = new int[] {units};
        }
        case "Dense" -> {
          if (shape.length != 1 || shape[0] <= 0) {
            throw fail(name, "Dense on input shape " + shapeText(shape) + " is not supported (a vector"
                + " is needed: put it after the LSTM, or after Flatten)");
          }
          int units = units(name, c);
          Activation act = activation(name, activationName(name, c.path("activation")));
          boolean bias = c.path("use_bias").asBoolean(true);
          int nIn = shape[0];
          Map<String, float[]> wts = weights(name, bias ? new String[] {"kernel", "bias"} : new String[] {"kernel"},
              bias ? new int[][] {{nIn, units}, {units}} : new int[][] {{nIn, units}});
          // Keras's Dense kernel is (in, out): the runtime's W[nIn][nOut]
          out.add(new DenseLayer(nIn, units, wts.get("kernel"), bias ? wts.get("bias") : new float[units], act));
          summary.add(name + ": Dense(" + units + ", " + act.id() + ")");
          shape = new int[] {units};
        }
        case "Activation", "Softmax", "ReLU" -> {
          Activation act = switch (cls) {
            case "Softmax" -> {
              requireDefaultAxis(name, c);
              yield Activation.SOFTMAX;
            }
            case "ReLU" -> {
              if (!c.path("max_value").isNull() && !c.path("max_value").isMissingNode()
                  || c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0) {
                throw fail(name, "ReLU with max_value, negative_slope or threshold is not supported");
              }
              yield Activation.RELU;
            }
            default -> activation(name, activationName(name, c.path("activation")));
          };
          if (act == Activation.IDENTITY) {
            summary.add(name + ": Activation(linear)");
            break;
          }
          if (out.isEmpty() || !(out.get(out.size() - 1) instanceof DenseLayer prev)
              || prev.activation() != Activation.IDENTITY) {
            throw fail(name, "a separate " + act.id() + " activation is supported only right after a linear"
                + " Dense layer");
          }
          out.set(out.size() - 1, new DenseLayer(prev.nIn(), prev.nOut(), prev.weights(), prev.bias(), act));
          summary.add(name + ": " + cls + "(" + act.id() + ", folded into the Dense layer)");
        }
        case "Flatten" -> {
          if (shape.length > 1) {
            long n = 1;
            for (int d : shape) {
              if (d <= 0) {
                throw fail(name, "Flatten of input shape " + shapeText(shape) + " with an unknown dimension");
              }
              n *= d;
            }
            if (n > MAX_UNITS) {
              throw fail(name, "Flatten to " + n + " values (at most " + MAX_UNITS + ")");
            }
            shape = new int[] {(int) n};
          }
          summary.add(name + ": Flatten");
        }
        case "Reshape" -> {
          int[] target = intList(name, c.path("target_shape"), "target_shape");
          if (!out.isEmpty() ? !sameValues(target, shape) : !reshapesInput(target, shape)) {
            throw fail(name, "Reshape from " + shapeText(shape) + " to " + shapeText(target) + " is not a no-op"
                + " for the recognizer");
          }
          if (out.isEmpty()) {
            shape = target;
          }
          summary.add(name + ": Reshape" + shapeText(target));
        }
        default -> {
          if (INFERENCE_NO_OPS.contains(cls)) {
            summary.add(name + ": " + cls + " (no-op at inference)");
          } else if ("GRU".equals(cls) || "SimpleRNN".equals(cls) || "Bidirectional".equals(cls)
              || "CuDNNLSTM".equals(cls) || "CuDNNGRU".equals(cls)) {
            throw fail(name, cls + " layers are not supported: the recognizer runs one unidirectional LSTM");
          } else {
            throw fail(name, "layer type '" + cls + "' is not supported (supported: InputLayer, LSTM, Dense,"
                + " Dropout, Activation, Softmax, ReLU, Flatten, Reshape where a no-op)");
          }
        }
      }
    }
    if (out.isEmpty()) {
      throw fail(null, "the model has no LSTM or Dense layer");
    }
    String lastName = lastLayerName(layerList);
    if (!(out.get(out.size() - 1) instanceof DenseLayer d) || d.activation() != Activation.SOFTMAX) {
      throw fail(lastName, "the model must end in a Dense layer with softmax (the recognizer outputs"
          + " probabilities), it ends in " + out.get(out.size() - 1));
    }
    provenance.put("keras.layers", String.join("; ", summary));
    String training = stringAttribute(h5, "training_config");
    if (training != null && training.length() <= 4096) {
      provenance.put("keras.training_config", training);
    }
    provenance.put("imported.by", "ser4j ser-keras " + VERSIONS.getProperty("ser4j", "dev") + " (jhdf "
        + VERSIONS.getProperty("jhdf", "unknown") + ")");
    LOG.debug("imported {}: {} -> {}", file, shapeText(shape), out);
    return new KerasModel(out, inputShapeOf(layerList), provenance);
  }

  private int[] inputShapeOf(JsonNode layers) throws KerasImportException {
    return inputShape(layers.get(0).path("config"));
  }

  private static String lastLayerName(JsonNode layers) {
    return layers.get(layers.size() - 1).path("config").path("name").asText(null);
  }

  /** Input (40,) or (40, 1) reshaped to (40, 1), or (40, 1) to (40,): both feed the same 40 values. */
  private static boolean reshapesInput(int[] target, int[] shape) {
    int n = shape.length == 1 ? shape[0] : shape.length == 2 && shape[1] == 1 ? shape[0] : -2;
    return n > 0 && (target.length == 1 && target[0] == n || target.length == 2 && target[0] == n && target[1] == 1);
  }

  private static boolean sameValues(int[] a, int[] b) {
    return Arrays.equals(a, b);
  }

  private void requireDefaultAxis(String name, JsonNode c) throws KerasImportException {
    JsonNode axis = c.path("axis");
    if (!axis.isMissingNode() && !axis.isNull() && axis.asInt(-1) != -1) {
      throw fail(name, "softmax over axis " + axis + " is not supported (last axis only)");
    }
  }

  private void requireFlag(String name, JsonNode c, String key, boolean expected, String problem)
      throws KerasImportException {
    JsonNode v = c.path(key);
    if (!v.isMissingNode() && !v.isNull() && v.asBoolean(!expected) != expected) {
      throw fail(name, problem);
    }
  }

  private int units(String name, JsonNode c) throws KerasImportException {
    JsonNode u = c.path("units");
    if (!u.canConvertToInt() || !u.isIntegralNumber() || u.asInt() <= 0 || u.asInt() > MAX_UNITS) {
      throw fail(name, "units must be an integer in [1, " + MAX_UNITS + "], got " + u);
    }
    return u.asInt();
  }

  /** The per-sample input shape from batch_input_shape (Keras 2) or batch_shape (Keras 3); null if absent. */
  private int[] inputShape(JsonNode c) throws KerasImportException {
    JsonNode s = c.has("batch_input_shape") ? c.get("batch_input_shape") : c.get("batch_shape");
    if (s == null || s.isNull()) {
      return null;
    }
    String name = c.path("name").asText(null);
    if (!s.isArray() || s.size() < 2 || s.size() > 4) {
      throw fail(name, "unsupported input shape " + s);
    }
    int[] shape = new int[s.size() - 1];
    for (int i = 1; i < s.size(); i++) {
      JsonNode d = s.get(i);
      if (d.isNull()) {
        shape[i - 1] = -1;
      } else if (d.isIntegralNumber() && d.asInt() > 0 && d.asInt() <= MAX_UNITS) {
        shape[i - 1] = d.asInt();
      } else {
        throw fail(name, "unsupported input shape " + s);
      }
    }
    return shape;
  }

  private int[] intList(String name, JsonNode list, String what) throws KerasImportException {
    if (!list.isArray() || list.isEmpty() || list.size() > 3) {
      throw fail(name, what + " " + list + " is not a short list of sizes");
    }
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode d = list.get(i);
      if (!d.isIntegralNumber() || d.asInt() <= 0 || d.asInt() > MAX_UNITS) {
        throw fail(name, what + " " + list + " is not a list of positive sizes");
      }
      out[i] = d.asInt();
    }
    return out;
  }

  /** An activation given as a name, or (Keras 3) as a serialised object naming one. */
  private String activationName(String layer, JsonNode a) throws KerasImportException {
    if (a.isTextual()) {
      return a.asText();
    }
    if (a.isObject() && a.path("config").isTextual()) {
      return a.path("config").asText();
    }
    if (a.isObject() && a.path("class_name").isTextual()) {
      return a.path("class_name").asText();
    }
    if (a.isMissingNode() || a.isNull()) {
      return "linear";
    }
    throw fail(layer, "unreadable activation " + a);
  }

  private Activation activation(String layer, String keras) throws KerasImportException {
    return switch (keras.toLowerCase(Locale.ROOT)) {
      case "linear", "identity" -> Activation.IDENTITY;
      case "relu" -> Activation.RELU;
      case "tanh" -> Activation.TANH;
      case "sigmoid" -> Activation.SIGMOID;
      case "softmax" -> Activation.SOFTMAX;
      default -> throw fail(layer, "activation '" + keras + "' is not supported (relu, tanh, sigmoid, softmax,"
          + " linear)");
    };
  }

  /**
   * The layer's weights by role ("kernel", "recurrent_kernel", "bias"), each checked against its expected
   * shape before its data are read, so a corrupt shape never makes us allocate more than the file holds.
   */
  private Map<String, float[]> weights(String layer, String[] roles, int[][] shapes) throws KerasImportException {
    Node node = weights.getChild(layer);
    if (!(node instanceof Group g)) {
      throw fail(layer, "no weights group 'model_weights/" + layer + "' in the file");
    }
    Attribute namesAttr = g.getAttribute("weight_names");
    String[] names = namesAttr == null ? null : strings(namesAttr.getData());
    if (names == null || names.length != roles.length) {
      throw fail(layer, "expected " + roles.length + " weight arrays " + Arrays.toString(roles) + ", the file lists "
          + (names == null ? "none" : Arrays.toString(names)));
    }
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String wn : names) {
      String role = role(wn);
      int k = Arrays.asList(roles).indexOf(role);
      if (k < 0 || out.containsKey(role)) {
        throw fail(layer, "unexpected weight '" + wn + "' (expected " + Arrays.toString(roles) + ")");
      }
      Node dn = g.getByPath(wn);
      if (!(dn instanceof Dataset ds)) {
        throw fail(layer, "weight '" + wn + "' is not a dataset in the file");
      }
      long[] dims = ds.getDimensionsAsLong();
      long[] expected = Arrays.stream(shapes[k]).asLongStream().toArray();
      if (!Arrays.equals(dims, expected)) {
        throw fail(layer, "weight '" + wn + "' has shape " + Arrays.toString(dims) + ", the layer's config needs "
            + Arrays.toString(expected));
      }
      long n = Arrays.stream(expected).reduce(1L, (a, b) -> a * b);
      weightBudget -= n;
      if (weightBudget < 0) {
        throw fail(layer, "the layers declare more weights than the file can hold (truncated or corrupt file)");
      }
      out.put(role, floats(layer, wn, ds.getDataFlat(), n));
    }
    return out;
  }

  private float[] floats(String layer, String wn, Object data, long n) throws KerasImportException {
    float[] f;
    if (data instanceof float[] a) {
      f = a;
    } else if (data instanceof double[] a) {
      f = new float[a.length];
      for (int i = 0; i < a.length; i++) {
        f[i] = (float) a[i];
      }
    } else {
      throw fail(layer, "weight '" + wn + "' holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
          + ", not floating-point numbers");
    }
    if (f.length != n) {
      throw fail(layer, "weight '" + wn + "' holds " + f.length + " values, expected " + n);
    }
    for (int i = 0; i < f.length; i++) {
      if (!Float.isFinite(f[i])) {
        throw fail(layer, "weight '" + wn + "' holds a non-finite value (" + f[i] + ") at index " + i);
      }
    }
    return f;
  }

  /** "lstm/lstm_cell/recurrent_kernel:0" -> "recurrent_kernel". */
  private static String role(String weightName) {
    String s = weightName;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      s = s.substring(0, colon);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static String[] strings(Object data) {
    if (data instanceof String[] a) {
      return a;
    }
    if (data instanceof String s) {
      return new String[] {s};
    }
    return null;
  }

  private String stringAttribute(Node node, String name) throws KerasImportException {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      return null;
    }
    if (a.getSizeInBytes() > MAX_CONFIG_CHARS) {
      throw fail(null, "attribute '" + name + "' is " + a.getSizeInBytes() + " bytes, more than the "
          + MAX_CONFIG_CHARS + " accepted");
    }
    Object v = a.getData();
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] arr && arr.length == 1) {
      return arr[0];
    }
    if (v instanceof byte[] b) {
      return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
    throw fail(null, "attribute '" + name + "' is not text (" + (v == null ? "empty" : v.getClass().getSimpleName())
        + ")");
  }

  private JsonNode parseJson(String text, String what) throws KerasImportException {
    try {
      JsonNode n = JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw fail(null, what + " is not a JSON object");
      }
      return n;
    } catch (JacksonException e) {
      throw fail(null, what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String shapeText(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "None" : Integer.toString(shape[i]));
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  static String shapeString(int[] shape) {
    return shapeText(shape);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /** ser4j's and jhdf's versions, written by the build (jar manifests do not survive shading). */
  private static final java.util.Properties VERSIONS = new java.util.Properties();

  static {
    try (java.io.InputStream in = Importer.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        VERSIONS.load(in);
      }
    } catch (IOException e) {
      LOG.debug("no versions.properties", e);
    }
  }

  private KerasImportException fail(String layer, String problem) {
    return new KerasImportException(file, layer, problem);
  }

  private KerasImportException fail(String layer, String problem, Throwable cause) {
    return new KerasImportException(file, layer, problem, cause);
  }
}
