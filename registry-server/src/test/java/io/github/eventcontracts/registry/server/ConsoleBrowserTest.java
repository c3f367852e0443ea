package io.github.eventcontracts.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eventcontracts.registry.client.RegistryClient;
import io.github.eventcontracts.registry.client.RegistryClientConfig;
import io.github.eventcontracts.registry.client.RegistryJson;
import io.github.eventcontracts.registry.client.RegistrySchema;
import io.github.eventcontracts.registry.client.SchemaReference;
import io.github.eventcontracts.registry.server.auth.PasswordHash;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through its chromedriver), against a
 * registry holding this project's own contracts ({@code schemas/}: Money, referenced by
 * OrderCreated with its rule set) and 10,000 generated subjects, behind an authfile. Each test
 * saves a screenshot under {@code target/console/}. Skipped where Chromium is not installed
 * ({@code .ci/run} installs it), as the Docker tests are where Docker is not.
 */
class ConsoleBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCHEMAS = Path.of("..", "schemas", "avro");
  private static final Path PROTO = Path.of("..", "schemas", "proto", "orders.proto");
  private static final Path SHOTS = Path.of("target", "console");
  static EmbeddedRegistry registry;
  static Path dir;

  @BeforeAll
  static void registryWithRealContracts() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "install Debian's chromium and chromium-driver to run the console's browser tests (.ci/run does)");
    dir = Files.createTempDirectory("console-test");
    Path auth = dir.resolve("auth.json");
    Files.writeString(auth, "{\"users\": [" + user("admin") + "," + user("reader") + "], \"permissions\": ["
        + "{\"username\": \"admin\", \"operation\": \"Write\", \"resource\": \".*\"},"
        + "{\"username\": \"reader\", \"operation\": \"Read\", \"resource\": \"Subject:order-.*\"}]}");
    registry = EmbeddedRegistry.start(RegistryOptions.defaults().withAuthFile(auth).withThreads(8));
    RegistryClient admin = new RegistryClient(RegistryClientConfig.builder(registry.url()).basicAuth("admin:nimda")
        .build());
    String money = Files.readString(SCHEMAS.resolve("money.avsc"));
    String order = Files.readString(SCHEMAS.resolve("order-created.avsc"));
    var rules = RegistryJson.readRuleSet(RegistryJson.MAPPER.readTree(
        Files.readString(SCHEMAS.resolve("order-created.ruleset.json"))));
    admin.register("com.acme.common.Money", RegistrySchema.avro(money));
    List<SchemaReference> references = List.of(new SchemaReference("com.acme.common.Money", "com.acme.common.Money", 1));
    admin.register("order-created-value", new RegistrySchema(order, "AVRO", references).withContract(null, rules));
    // version 2 breaks version 1 (customer_id becomes a number): accepted only at level NONE, and the
    // diff view must show why the registry would have refused it at BACKWARD
    admin.setCompatibility("order-created-value", "NONE");
    admin.register("order-created-value", new RegistrySchema(order.replace(
        "{\"name\": \"customer_id\", \"type\": \"string\"", "{\"name\": \"customer_id\", \"type\": \"long\""), "AVRO",
        references).withContract(null, rules));
    admin.setCompatibility("order-created-value", "BACKWARD");
    admin.register("payments-value", RegistrySchema.avro(money.replace("\"Money\"", "\"Payment\"")));
    admin.register("order-shipped-value", RegistrySchema.protobuf(Files.readString(PROTO), List.of()));
    // and 10,000 more, as a large registry has them
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> done = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      String name = String.format("generated-%05d-value", i);
      String schema = "{\"type\":\"record\",\"name\":\"G" + i + "\",\"fields\":[{\"name\":\"f\",\"type\":\"string\"}]}";
      done.add(pool.submit(() -> admin.register(name, RegistrySchema.avro(schema))));
    }
    for (Future<Integer> f : done) {
      f.get();
    }
    pool.shutdown();
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String user(String name) {
    String password = new StringBuilder(name).reverse().toString();
    return "{\"username\": \"" + name + "\", \"algorithm\": \"sha256\", \"salt\": \"s-" + name + "\", \"password_hash\": \""
        + PasswordHash.SHA256.hash("s-" + name, password) + "\"}";
  }

  /** Headless Chromium logged in as {@code user} (its basic credentials on every request the page makes). */
  private static ChromeDriver browser(String user) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    String credentials = user + ":" + new StringBuilder(user).reverse();
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))));
    return driver;
  }

  private static WebDriverWait await(ChromeDriver driver) {
    return new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  private static void screenshot(ChromeDriver driver, String name) throws Exception {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void theListIsPagedAndSearchable() throws Exception {
    ChromeDriver driver = browser("admin");
    try {
      driver.get(registry.url() + "/ui/");
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "of 10004"));
      assertThat(driver.findElements(By.cssSelector("#subjects tbody tr"))).hasSize(50); // one page, not 10,003 rows
      WebElement search = driver.findElement(By.id("search"));
      search.sendKeys("order-created");
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "1–1 of 1"));
      WebElement row = driver.findElement(By.cssSelector("#subjects tbody tr"));
      assertThat(row.getText()).contains("order-created-value").contains("AVRO").contains("BACKWARD");
      screenshot(driver, "subjects");
      // filtered by type: the one Protobuf contract, highlighted as a .proto
      search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // as a person clears it: input events
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "of 10004"));
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("type"))).selectByValue("PROTOBUF");
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "1–1 of 1"));
      driver.findElement(By.linkText("order-shipped-value")).click();
      await(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre .k")));
      assertThat(driver.findElement(By.tagName("pre")).getText()).contains("message OrderShipped");
    } finally {
      driver.quit();
    }
  }

  @Test
  void aSubjectShowsItsSchemaRulesAndItsReferencesAsAGraph() throws Exception {
    ChromeDriver driver = browser("admin");
    try {
      driver.get(registry.url() + "/ui/#/s/com.acme.common.Money");
      await(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("graph")));
      // both versions of OrderCreated reference Money v1: two nodes on the left, each a link
      List<WebElement> links = driver.findElements(By.cssSelector("#graph a"));
      assertThat(links.stream().map(a -> a.getDomAttribute("href")).toList())
          .contains("#/s/order-created-value/v/1", "#/s/order-created-value/v/2", "#/s/com.acme.common.Money/v/1");
      assertThat(driver.findElement(By.tagName("pre")).getText()).contains("\"name\": \"units\"");
      screenshot(driver, "graph");
      driver.get(registry.url() + "/ui/#/s/order-created-value");
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Data contract"));
      assertThat(driver.findElement(By.tagName("main")).getText()).contains("positiveTotal");
      assertThat(driver.findElement(By.id("versions")).getText()).contains("v1 (id 2)").contains("v2 (id 3)");
    } finally {
      driver.quit();
    }
  }

  @Test
  void aDiffMarksTheChangedLinesWithTheEnginesFindings() throws Exception {
    ChromeDriver driver = browser("admin");
    try {
      driver.get(registry.url() + "/ui/#/diff/order-created-value/1/2");
      await(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
      assertThat(driver.findElement(By.id("verdict")).getText()).startsWith("Incompatible at BACKWARD");
      WebElement finding = driver.findElement(By.cssSelector("#findings li"));
      assertThat(finding.getText()).contains("TYPE_MISMATCH").contains("/fields/1/type")
          .contains("reads long where the old schema wrote string");
      int line = Integer.parseInt(finding.findElement(By.tagName("a")).getText().replace("line ", ""));
      WebElement changed = driver.findElement(By.id("r" + line));
      assertThat(changed.getDomAttribute("class")).contains("add"); // the line that changed, marked
      assertThat(changed.getText()).contains("\"long\"");
      assertThat(driver.findElement(By.id("r" + (line - 1))).getText()).contains("customer_id"); // whose type it is
      assertThat(driver.findElements(By.cssSelector("pre .row.del"))).singleElement()
          .satisfies(removed -> assertThat(removed.getText()).contains("string"));
      screenshot(driver, "diff");
    } finally {
      driver.quit();
    }
  }

  @Test
  void aReaderSeesOnlyWhatItMayRead() throws Exception {
    ChromeDriver driver = browser("reader");
    try {
      driver.get(registry.url() + "/ui/");
      await(driver).until(ExpectedConditions.textToBePresentInElementLocated(By.id("count"), "1–2 of 2"));
      assertThat(driver.findElement(By.id("subjects")).getText()).contains("order-created-value")
          .contains("order-shipped-value").doesNotContain("payments-value").doesNotContain("generated-");
      driver.get(registry.url() + "/ui/#/s/payments-value");
      await(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[role=alert]")));
      assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
          .contains("User reader is denied operation Read on Subject:payments-value");
      driver.findElement(By.id("lookup-id")).sendKeys("1" + Keys.ENTER);
      screenshot(driver, "reader");
    } finally {
      driver.quit();
    }
  }
}
