package org.ser4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.ser4j.data.Corpus;
import org.ser4j.data.CorpusFeatures;
import org.ser4j.data.FeatureSet;
import org.ser4j.data.Split;
import org.ser4j.data.Splits;
import org.ser4j.features.FeatureSpec;
import org.ser4j.model.CorpusDatasets;
import org.ser4j.model.Evaluation;
import org.ser4j.model.FeatureDataset;
import org.ser4j.model.ModelConfig;
import org.ser4j.model.Trainer;
import org.ser4j.model.TrainingResult;

/**
 * Example: train the seed notebook's model on a TESS folder and save it as a bundle.
 *
 * <pre>
 * java -cp ser-examples/target/ser.jar org.ser4j.examples.TrainAndSave ../shared/tess-sample model.ser4j [epochs]
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
    FeatureSpec spec = FeatureSpec.notebook();                            // mean of 40 MFCCs, as librosa
    CorpusFeatures features = CorpusFeatures.builder(spec).build();
    List<String> labels = corpus.labels();
    FeatureDataset train = CorpusDatasets.of(features.extract(split.train()), labels);
    FeatureSet testSet = features.extract(split.test());
    FeatureDataset test = CorpusDatasets.of(testSet, labels);

    ModelConfig config = ModelConfig.notebookBuilder().numClasses(labels.size()).epochs(epochs).seed(42).build();
    TrainingResult result = new Trainer().train(config, train, test, null);
    Evaluation ev = result.evaluate(test);
    result.writeBundle(modelFile, spec.name(), spec.toMap(), Map.of("corpus", tess.getFileName().toString(),
        "split", split.description()));
    return ev;
  }
}
