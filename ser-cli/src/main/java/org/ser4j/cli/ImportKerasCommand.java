package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ser4j.features.FeatureSpec;
import org.ser4j.keras.KerasImport;
import org.ser4j.keras.KerasModel;
import org.ser4j.runtime.ModelBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ser import-keras}: a Keras HDF5 model (the notebook's) as a model bundle. */
@Command(
    name = "import-keras",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a Keras 2 model saved with model.save('model.h5') (the seed notebook's LSTM) into a model"
          + " bundle that ser evaluate, ser predict and the embeddable recognizer run in plain Java.",
      "Supported: Sequential models of one LSTM (tanh, sigmoid gates, last step), Dense layers (relu, tanh,"
          + " sigmoid, softmax, linear) ending in softmax, Dropout, and Flatten/Reshape where they are no-ops;"
          + " anything else is refused, naming the layer."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:bundle written", "1:the model could not be imported (reported), or the bundle not written",
        "2:usage error"})
final class ImportKerasCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "MODEL.h5", description = "The Keras HDF5 model file.")
  Path input;

  @Option(names = "--out", required = true, paramLabel = "MODEL", description = "The model bundle to write.")
  Path out;

  @Option(names = "--labels", split = ",", paramLabel = "LABEL",
      description = "The outputs' labels, in the order of the training one-hot columns (default: the notebook's,"
          + " angry,disgust,fear,happy,neutral,pleasant_surprise,sad; its 'ps' is ser4j's pleasant_surprise).")
  List<String> labels;

  @Option(names = "--features", defaultValue = "notebook", paramLabel = "PRESET",
      description = "The features the model was trained on: notebook (default: 3 s from 0.5 s at 22050 Hz, mean"
          + " of 40 MFCCs, read as 40 steps of 1), stats or framewise.")
  String features;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    FeatureSpec featureSpec;
    try {
      featureSpec = FeatureSpec.preset(features);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<String> labelOrder = labels == null ? KerasImport.NOTEBOOK_LABELS
        : labels.stream().map(String::strip).toList();
    try {
      KerasModel keras = KerasImport.read(input);
      ModelBundle bundle = keras.writeBundle(out, labelOrder, featureSpec);
      stdout.printf(Locale.ROOT, "%s: Keras %s (%s), %s%n", input, keras.provenance().get("keras.version"),
          keras.provenance().get("keras.backend"), keras.provenance().get("keras.layers"));
      stdout.printf(Locale.ROOT, "wrote %s: %d layers, %d parameters, features '%s', labels %s%n", out,
          bundle.layers().size(), bundle.parameterCount(), bundle.featurePreset(), bundle.labels());
      return 0;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IllegalArgumentException e) {
      // the model does not fit the labels or features asked for (or the notebook's, by default)
      err.println("error: " + input + ": " + e.getMessage() + (labels == null ? " (set them with --labels)" : ""));
      return SerCli.EXIT_INPUT_FAILED;
    }
  }
}
