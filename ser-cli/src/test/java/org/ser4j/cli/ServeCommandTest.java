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
  void withoutAModelItServesThePretrainedModelAndSaysSo() throws Exception {
    StringWriter out = new StringWriter();
    serveUntilStopped(out, url -> {
      assertThat(out.toString()).contains("ser serve: the pretrained model (org.ser4j:ser-pretrained")
          .contains("angry, disgust, fear, happy, neutral, sad");
      HttpResponse<String> model = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url.resolve("api/model")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(model.statusCode()).isEqualTo(200);
      assertThat(model.body()).contains("\"sad\"").contains("Open Database License");
    }, "serve", "--port", "0");
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
    serveUntilStopped(new StringWriter(), url -> {
      assertThat(url.getPort()).isPositive().isNotEqualTo(8080);
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url.resolve("health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
    }, "serve", "--model", model.toString(), "--port", "0");
  }

  interface WhileServing {
    void check(URI url) throws Exception;
  }

  /** Runs {@code ser ARGS} until it prints its URL, runs {@code check}, stops it and expects exit 0. */
  private static void serveUntilStopped(StringWriter out, WhileServing check, String... args) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    ServeCommand.stop = stop;
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> code = ex.submit(() -> SerCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()),
          args));
      Matcher m = Pattern.compile("listening on (http://\\S+/)").matcher("");
      for (int i = 0; i < 300 && !m.reset(out.toString()).find(); i++) {
        Thread.sleep(50);
      }
      assertThat(m.reset(out.toString()).find()).as(out.toString()).isTrue();
      check.check(URI.create(m.group(1)));
      stop.countDown();
      assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
    } finally {
      ServeCommand.stop = null;
      ex.shutdownNow();
    }
  }
}
