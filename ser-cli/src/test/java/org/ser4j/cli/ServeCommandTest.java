package org.ser4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ser serve} as a command: its usage errors, and a run on a free port that answers until stopped. */
class ServeCommandTest {

  @Test
  void withoutAModelItSaysOneIsRequiredAndWhy() {
    CliRun run = CliRun.of("serve", "--port", "0");
    assertThat(run.exitCode()).isEqualTo(SerCli.EXIT_USAGE);
    assertThat(run.err()).contains("--model MODEL is required").contains("no pretrained model");
  }

  @Test
  void aMissingModelFileIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nope.ser4j");
    CliRun run = CliRun.of("serve", "--model", missing.toString(), "--port", "0");
    assertThat(run.exitCode()).isEqualTo(SerCli.EXIT_INPUT_FAILED);
    assertThat(run.err()).contains(missing.toString());
  }

  @Test
  void portZeroPicksAFreePortPrintsTheUrlAndServesUntilStopped(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.ser4j");
    org.ser4j.cli.serve.ServeTestModels.write(model);
    CountDownLatch stop = new CountDownLatch(1);
    ServeCommand.stop = stop;
    StringWriter out = new StringWriter();
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code = ex.submit(() -> SerCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
          "serve", "--model", model.toString(), "--port", "0"));
      Matcher m = Pattern.compile("listening on (http://\\S+/)").matcher("");
      for (int i = 0; i < 300 && !m.reset(out.toString()).find(); i++) {
        Thread.sleep(50);
      }
      assertThat(m.reset(out.toString()).find()).as(out.toString()).isTrue();
      URI url = URI.create(m.group(1));
      assertThat(url.getPort()).isPositive().isNotEqualTo(8080);
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url.resolve("health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      stop.countDown();
      assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
    } finally {
      ServeCommand.stop = null;
      ex.shutdownNow();
    }
  }
}
