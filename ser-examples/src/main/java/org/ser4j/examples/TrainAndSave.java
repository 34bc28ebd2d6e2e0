package org.ser4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.ser4j.data.Corpus;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.model.Experiment;
import org.ser4j.model.Preset;
import org.ser4j.runtime.Evaluation;

/**
 * Example: train the seed notebook's model on a TESS folder and save it as a bundle, with the library's
 * {@link Experiment} (features, training, evaluation, provenance). For finer control, the same steps are
 * public one by one: {@code CorpusFeatures}, {@code CorpusDatasets}, {@code Trainer}, {@code TrainingResult}.
 *
 * <pre>
 * java -cp ser-cli/target/ser.jar org.ser4j.examples.TrainAndSave ../shared/tess-sample model.ser4j [epochs]
 * </pre>
 */
public final class TrainAndSave {

  private TrainAndSave() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: TrainAndSave TESS_FOLDER MODEL_FILE [EPOCHS]");
      System.exit(2);
    }
    Evaluation ev = run(Paths.get(args[0]), Paths.get(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 50);
    System.out.println(ev);
  }

  static Evaluation run(Path tess, Path modelFile, int epochs) throws IOException {
    Corpus corpus = Corpus.scan(tess);                                    // labels from TESS file names
    Split split = Splits.stratified(corpus.utterances(), 0.2, 42);        // the notebook's 80/20
    Experiment.Result result = Experiment.builder(corpus, split)
        .preset(Preset.NOTEBOOK)                                          // mean of 40 MFCCs -> LSTM(256)...
        .epochs(epochs)
        .seed(42)
        .build()
        .run();                                                           // features, training, evaluation
    result.writeBundle(modelFile, "TESS");                                // network + recipe + provenance
    return result.evaluation();
  }
}
