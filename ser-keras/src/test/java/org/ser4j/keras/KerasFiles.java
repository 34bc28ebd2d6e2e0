package org.ser4j.keras;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.ser4j.testing.SharedData;

/**
 * Writes Keras-layout HDF5 files for tests (with jhdf's writer): the golden seeded notebook model with an
 * edited model_config and/or edited weights, laid out as Keras 2 saves a model.
 */
final class KerasFiles {
  static final ObjectMapper JSON = new ObjectMapper();

  private KerasFiles() {}

  /** The golden model's config and weights (layer -> weight name -> array as jhdf reads it). */
  static final class Model {
    ObjectNode config;
    final Map<String, Map<String, Object>> weights = new LinkedHashMap<>();
    String kerasVersion = "2.14.0";
    boolean withConfig = true;

    /** The config's layer list entry with this name. */
    ObjectNode layer(String name) {
      for (var l : config.withArray("/config/layers")) {
        if (name.equals(l.path("config").path("name").asText())) {
          return (ObjectNode) l;
        }
      }
      throw new IllegalArgumentException("no layer " + name);
    }

    ObjectNode layerConfig(String name) {
      return (ObjectNode) layer(name).get("config");
    }
  }

  static Model golden() throws IOException {
    Model m = new Model();
    try (HdfFile h5 = new HdfFile(SharedData.golden(KerasImportParityTest.MODEL))) {
      m.config = (ObjectNode) JSON.readTree((String) h5.getAttribute("model_config").getData());
      Group w = (Group) h5.getChild("model_weights");
      for (String layer : (String[]) w.getAttribute("layer_names").getData()) {
        Group g = (Group) w.getChild(layer);
        Object names = g.getAttribute("weight_names").getData();
        Map<String, Object> arrays = new LinkedHashMap<>();
        if (names instanceof String[] list) {
          for (String n : list) {
            arrays.put(n, ((Dataset) g.getByPath(n)).getData());
          }
        }
        m.weights.put(layer, arrays);
      }
    }
    return m;
  }

  /** The golden model with {@code edit} applied, written to {@code file}. */
  static Path edited(Path file, Consumer<Model> edit) throws IOException {
    Model m = golden();
    edit.accept(m);
    return write(file, m);
  }

  static Path write(Path file, Model m) throws IOException {
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      h5.putAttribute("keras_version", m.kerasVersion);
      h5.putAttribute("backend", "tensorflow");
      if (m.withConfig) {
        h5.putAttribute("model_config", JSON.writeValueAsString(m.config));
      } else {
        h5.putAttribute("layer_names", m.weights.keySet().toArray(new String[0]));
      }
      WritableGroup w = m.withConfig ? h5.putGroup("model_weights") : h5;
      if (m.withConfig) {
        w.putAttribute("layer_names", m.weights.keySet().toArray(new String[0]));
      }
      for (var layer : m.weights.entrySet()) {
        if (layer.getValue().isEmpty()) {
          continue;
        }
        WritableGroup g = w.putGroup(layer.getKey());
        g.putAttribute("weight_names", layer.getValue().keySet().toArray(new String[0]));
        Map<String, WritableGroup> groups = new LinkedHashMap<>();
        for (var wt : layer.getValue().entrySet()) {
          String[] parts = wt.getKey().split("/");
          WritableGroup parent = g;
          StringBuilder path = new StringBuilder();
          for (int i = 0; i < parts.length - 1; i++) {
            path.append('/').append(parts[i]);
            WritableGroup p = parent;
            String part = parts[i];
            parent = groups.computeIfAbsent(path.toString(), k -> p.putGroup(part));
          }
          parent.putDataset(parts[parts.length - 1], wt.getValue());
        }
      }
    }
    return file;
  }
}
