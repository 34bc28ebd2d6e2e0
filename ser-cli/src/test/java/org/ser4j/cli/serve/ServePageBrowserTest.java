package org.ser4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.ser4j.audio.AudioReader;
import org.ser4j.runtime.EmotionRecognizer;
import org.ser4j.runtime.Prediction;

/**
 * The {@code ser serve} page in a real headless Chromium (Debian's chromium and chromium-driver; CI installs
 * them with {@code .ci/install-browser}): load the page, choose a WAV, see the top emotion and the bars.
 * Skips, saying why, when the browser or its driver is not installed. Set {@code -Dser4j.screenshot=PATH} to
 * save the screenshot there as well; it always goes to target/serve.png. {@code -Dser4j.serve.model=BUNDLE}
 * and {@code -Dser4j.serve.clip=WAV} replace the tiny random model and the synthetic clip (docs/serve.png is a
 * model trained on the TESS sample and four TESS clips, angry, sad, happy and fear, one after the other).
 */
class ServePageBrowserTest {
  static final Path CHROMIUM = Path.of(System.getProperty("ser4j.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("ser4j.chromedriver", "/usr/bin/chromedriver"));

  @TempDir static Path dir;
  static SerServer server;
  static ChromeDriver driver;
  static EmotionRecognizer recognizer;

  static final String MISSING = "no headless browser: " + CHROMIUM + " or " + CHROMEDRIVER + " is not installed"
      + " (apt-get install chromium chromium-driver, or run .ci/install-browser as root); the page test is skipped";

  static boolean browserInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  @BeforeAll
  static void start() throws IOException {
    if (!browserInstalled()) {
      System.err.println("ServePageBrowserTest: " + MISSING);
      return;
    }
    String model = System.getProperty("ser4j.serve.model");
    recognizer = model == null || model.isBlank() ? ServeFixtures.recognizer() : EmotionRecognizer.load(Path.of(model));
    server = SerServer.builder(recognizer).port(0).build().start();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    Path profile = Files.createDirectories(dir.resolve("profile"));
    // without these, chromium on a machine without internet waits on the network
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,940", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
  }

  @BeforeEach
  void requireBrowser() {
    assumeTrue(browserInstalled(), MISSING);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Polls {@code condition} until it holds; fails after {@code seconds} saying what was awaited. */
  static void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never showed " + what + "; status: "
            + driver.findElement(By.id("status")).getText());
      }
      Thread.sleep(100);
    }
  }

  @Test
  void choosingAWavShowsTheTopEmotionAndABarPerEmotion() throws Exception {
    driver.get(server.url().toString());
    await("a bar per emotion", 20,
        () -> driver.findElements(By.cssSelector("#bars .bar-row")).size() == recognizer.labels().size());

    String clip = System.getProperty("ser4j.serve.clip");
    byte[] wav = clip == null || clip.isBlank() ? ServeFixtures.wav(ServeFixtures.voice(22050, 6.0, 11))
        : Files.readAllBytes(Path.of(clip));
    Path file = Files.write(dir.resolve(clip == null || clip.isBlank() ? "hello.wav" : Path.of(clip).getFileName()
        .toString()), wav);
    org.ser4j.audio.AudioClip decoded = AudioReader.read(wav, "clip");
    Prediction expected = recognizer.predict(AudioReader.read(wav, "hello.wav"));

    driver.findElement(By.id("file")).sendKeys(file.toString());
    await("a result", 30, () -> "done".equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));

    assertThat(driver.findElement(By.id("top-emotion")).getText())
        .isEqualToIgnoringCase(expected.topLabel().replace('_', ' '));
    List<WebElement> rows = driver.findElements(By.cssSelector("#bars .bar-row"));
    assertThat(rows).extracting(r -> r.getAttribute("data-label")).containsExactlyElementsOf(recognizer.labels());
    WebElement top = driver.findElement(By.cssSelector("#bars .bar-row.top"));
    assertThat(top.getAttribute("data-label")).isEqualTo(expected.topLabel());
    assertThat(top.findElement(By.className("bar-value")).getText())
        .isEqualTo(String.format(Locale.ROOT, "%.1f%%", 100 * expected.topProbability()));
    await("the top bar filled", 10,
        () -> top.findElement(By.className("bar-fill")).getRect().getWidth() > 0);
    assertThat(driver.findElements(By.cssSelector("#history li"))).hasSize(1);
    org.ser4j.audio.LoadOptions load = recognizer.featureSpec().load();
    boolean longer = load.duration().isPresent()
        && decoded.durationSeconds() > load.offset() + load.duration().getAsDouble();
    assertThat(driver.findElement(By.id("windows-card")).isDisplayed()).as("windows shown for long audio only")
        .isEqualTo(longer);

    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    Path shot = Path.of("target", "serve.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, png);
    String copy = System.getProperty("ser4j.screenshot");
    if (copy != null && !copy.isBlank()) {
      Files.write(Path.of(copy), png);
    }
  }

  @Test
  void aCorruptFileShowsTheServersReason() throws Exception {
    driver.get(server.url().toString());
    await("a bar per emotion", 20,
        () -> driver.findElements(By.cssSelector("#bars .bar-row")).size() == recognizer.labels().size());
    Path bad = Files.writeString(dir.resolve("broken.wav"), "RIFF and then nothing useful at all".repeat(5));

    driver.findElement(By.id("file")).sendKeys(bad.toString());
    await("an error", 30, () -> "error".equals(driver.findElement(By.tagName("body")).getAttribute("data-state")));

    assertThat(driver.findElement(By.id("status")).getText()).startsWith("broken.wav: ");
  }
}
