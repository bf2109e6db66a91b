package org.gluster.events.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard of node 1 of three real daemons, in Debian's headless chromium driven through its
 * chromedriver: logging in, the nodes and a dead webhook, an event emitted on node 3 showing up
 * within a second, and the filter hiding it. Leaves a screenshot in {@code target/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    private static final String[] HOSTS = ThreeNodes.HOSTS;
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final List<DaemonProcess> nodes = new ArrayList<>();
    private int restPort;
    private String secret;
    private String deadWebhook;
    private WebDriver browser;

    @BeforeAll
    void startClusterAndBrowser(@TempDir Path root) throws Exception {
        ThreeNodes cluster = new ThreeNodes(root);
        int udpPort = DaemonProcess.freeUdpPort();
        restPort = DaemonProcess.freeTcpPort();
        cluster.start(nodes, udpPort, restPort);
        DaemonProcess.CommandResult added = nodes.get(0).tool("gluster-rest", "app-add", "dashboard", "--json");
        assertEquals(0, added.exitCode(), added.stderr());
        secret = (String) ((Map<?, ?>) new ObjectMapper().readValue(added.stdout(), Map.class).get("output")).get("secret");
        deadWebhook = "http://127.0.0.1:" + DaemonProcess.freeTcpPort() + "/nobody-listens";
        assertEquals(0, nodes.get(0).eventsapi("webhook-add", deadWebhook).exitCode());
        nodes.get(0).awaitWebhook(deadWebhook, Duration.ofSeconds(15));

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Headless, and nothing that reaches for the network: this machine has none beyond loopback.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1600", "--user-data-dir=" + Files.createDirectory(root.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    void stopAll() throws Exception {
        if (browser != null) browser.quit();
        for (DaemonProcess node : nodes) node.close();
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    /** Polls the page every 20 ms; an element replaced while it was read counts as not yet. */
    private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (StaleElementReferenceException e) {
                // the table was redrawn under us: look again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout + "; the page shows:\n" + browser.findElement(By.tagName("body")).getText());
    }

    /** Whether a row of the events table has {@code text}: one round trip to the browser, so a poll stays quick. */
    private boolean eventShown(String text) {
        return Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#events tbody tr')).some(r => r.textContent.includes(arguments[0]));", text));
    }

    private List<String> eventRows() {
        return browser.findElements(By.cssSelector("#events tbody tr")).stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(1)
    void aWrongTokenIsRefusedWithAClearMessageAndTheSecretLogsIn() throws Exception {
        browser.get("http://" + HOSTS[0] + ":" + restPort + "/");
        await("the login form", Duration.ofSeconds(10), () -> byId("token").isDisplayed());
        byId("token").sendKeys("not-a-token");
        browser.findElement(By.cssSelector("#login button")).click();
        await("the refusal", Duration.ofSeconds(5), () -> byId("login-error").getText().contains("not accepted"));
        assertTrue(!byId("dashboard-view").isDisplayed());

        byId("token").clear();
        byId("token").sendKeys(secret);
        browser.findElement(By.cssSelector("#login button")).click();
        await("the dashboard", Duration.ofSeconds(10), () -> byId("dashboard-view").isDisplayed());
        await("the live stream", Duration.ofSeconds(10), () -> byId("stream-state").getText().equals("live"));
    }

    @Test
    @Order(2)
    void everyNodeIsShownReadyAndTheDeadWebhookWithItsError() throws Exception {
        await("three nodes, all ready", Duration.ofSeconds(10), () -> {
            List<WebElement> rows = browser.findElements(By.cssSelector("#nodes tbody tr"));
            return rows.size() == 3 && rows.stream().allMatch(r -> r.getText().contains("ready") && !r.getText().contains("not ready"));
        });
        String nodesText = byId("nodes").getText();
        for (String host : new String[] {HOSTS[1], HOSTS[2]}) assertTrue(nodesText.contains(host), nodesText);

        nodes.get(0).sendUdp(System.currentTimeMillis() / 1000 + " 2 name=for-the-dead-webhook");
        await("the dead webhook's failure", Duration.ofSeconds(15), () -> {
            String webhooks = byId("webhooks").getText();
            return webhooks.contains(deadWebhook) && webhooks.contains("Connection refused");
        });
    }

    @Test
    @Order(3)
    void anEventEmittedOnNodeThreeAppearsWithinASecondAndTheFilterHidesIt() throws Exception {
        String volume = "browser-" + System.nanoTime();
        long sent = System.nanoTime();
        nodes.get(2).sendUdp(System.currentTimeMillis() / 1000 + " 2 name=" + volume);
        await("the event of node 3", Duration.ofSeconds(5), () -> eventShown(volume));
        long seenMillis = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("Dashboard: event emitted on " + HOSTS[2] + " shown on " + HOSTS[0] + "'s page after " + seenMillis + " ms");
        assertTrue(seenMillis < 1000, "shown after " + seenMillis + " ms");
        String row = eventRows().stream().filter(r -> r.contains(volume)).findFirst().orElseThrow();
        assertTrue(row.contains("VOLUME_CREATE") && row.contains(HOSTS[2]), "type and node: " + row);

        nodes.get(1).sendUdp(System.currentTimeMillis() / 1000 + " 76 peer=" + HOSTS[1] + ";volume=gv0;brick=/b1");
        await("the brick event of node 2", Duration.ofSeconds(5), () -> eventRows().stream().anyMatch(r -> r.contains("BRICK_DISCONNECTED")));

        byId("filter").sendKeys("brick gv0");
        await("the filter hides the volume event", Duration.ofSeconds(2), () -> eventRows().stream().noneMatch(r -> r.contains(volume)));
        List<String> shown = eventRows();
        assertTrue(!shown.isEmpty() && shown.stream().allMatch(r -> r.contains("BRICK_DISCONNECTED")), String.join("\n", shown));
        assertTrue(byId("event-count").getText().contains("match the filter"), byId("event-count").getText());

        byId("filter").clear();
        byId("filter").sendKeys(" "); // clear() fires no input event; a blank filter matches everything
        await("cleared, it is back", Duration.ofSeconds(2), () -> eventRows().stream().anyMatch(r -> r.contains(volume)));

        browser.navigate().refresh(); // still logged in (the tab keeps the token), and what just happened is there
        await("the recent events after a reload", Duration.ofSeconds(10), () -> eventRows().stream().anyMatch(r -> r.contains(volume)));
        await("the live stream after a reload", Duration.ofSeconds(10), () -> byId("stream-state").getText().equals("live"));
    }

    @Test
    @Order(4)
    void theRateChartShowsTheTypesOfTheLastMinutes() throws Exception {
        for (int i = 0; i < 20; i++) nodes.get(i % 3).sendUdp(System.currentTimeMillis() / 1000 + " 6 name=gv" + i + ";options=a,b");
        await("the chart's legend", Duration.ofSeconds(10), () -> byId("rate-legend").getText().contains("VOLUME_SET (20)"));
        assertTrue(byId("rate-legend").getText().contains("VOLUME_CREATE"), byId("rate-legend").getText());
        assertTrue(browser.findElements(By.cssSelector("#rate-chart polyline")).size() >= 3);
        Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, Path.of("target", "dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(5)
    void aNodeThatStopsIsShownDownWithTheReason() throws Exception {
        nodes.get(2).close();
        await("node 3 shown down", Duration.ofSeconds(15), () -> browser.findElements(By.cssSelector("#nodes tbody tr")).stream()
                .anyMatch(r -> r.getText().startsWith(HOSTS[2]) && r.getText().contains("down") && r.getText().contains("Connect")));
        assertEquals("live", byId("stream-state").getText(), "the stream of node 1 goes on");
    }
}
