package org.ser4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ser4j.cli.serve.SerServer;
import org.ser4j.runtime.EmotionRecognizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ser serve}: the recognizer as an HTTP service, with a page to try it. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Serve a model (without --model: the pretrained model) over HTTP until stopped (Ctrl-C):",
      "  POST /api/predict  audio in the body (audio/wav, audio/x-wav, audio/aiff, application/octet-stream)"
          + " or multipart/form-data with a file: JSON with the top emotion, every probability, duration,"
          + " sample rate and per-window results",
      "  GET  /api/model    labels, feature recipe, provenance",
      "  GET  /health",
      "  GET  /             a page to record from the microphone or drop a file"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:the model could not be read or the address could not be bound",
        "2:usage error"})
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The model bundle (default: the pretrained model of org.ser4j:ser-pretrained, trained on"
          + " CREMA-D's 75 training actors).")
  Path model;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "P",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "H",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
  String host;

  @Option(names = "--threads", defaultValue = "" + SerServer.Builder.DEFAULT_THREADS, paramLabel = "N",
      converter = CommonOptions.PositiveIntConverter.class,
      description = "Requests handled at once (default: ${DEFAULT-VALUE}); up to 64 more wait in a queue.")
  int threads;

  @Option(names = "--max-body-mb", defaultValue = "50", paramLabel = "MB",
      converter = CommonOptions.PositiveIntConverter.class,
      description = "Largest request body in MB (default: ${DEFAULT-VALUE}); larger ones get 413.")
  int maxBodyMb;

  @Spec CommandSpec spec;

  /** Counted down to stop a running server (tests); otherwise it runs until the JVM is stopped. */
  static volatile CountDownLatch stop;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      err.println("error: --port must be in [0, 65535], not " + port);
      return SerCli.EXIT_USAGE;
    }
    EmotionRecognizer recognizer;
    String modelName;
    try {
      Models.Loaded loaded = Models.load(model);
      recognizer = loaded.recognizer();
      modelName = loaded.description();
    } catch (IOException e) {
      err.println("error: " + CliFiles.describe(e));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (org.ser4j.runtime.PretrainedModelUnavailableException e) {
      err.println("error: no --model given and " + e.getMessage());
      return SerCli.EXIT_INPUT_FAILED;
    }
    SerServer server;
    try {
      server = SerServer.builder(recognizer).host(host).port(port).threads(threads)
          .maxBodyBytes((long) maxBodyMb << 20).build();
    } catch (java.net.BindException e) {
      err.println("error: cannot listen on " + host + ":" + port + ": " + e.getMessage()
          + (port != 0 ? " (is another server using it? --port 0 picks a free port)" : ""));
      return SerCli.EXIT_INPUT_FAILED;
    } catch (IOException e) {
      err.println("error: cannot listen on " + host + ":" + port + ": " + e); // e.g. an unknown host name
      return SerCli.EXIT_INPUT_FAILED;
    }
    server.start();
    out.println("ser serve: " + modelName + " (" + String.join(", ", recognizer.labels()) + ")");
    out.println("listening on " + server.url() + "  (POST " + server.url() + "api/predict; Ctrl-C to stop)");
    out.flush();
    CountDownLatch latch = stop;
    if (latch == null) {
      latch = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ser-serve-shutdown"));
    }
    try {
      latch.await();
    } finally {
      server.close();
    }
    return 0;
  }
}
