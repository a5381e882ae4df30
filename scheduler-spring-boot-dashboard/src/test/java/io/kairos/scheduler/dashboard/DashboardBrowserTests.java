package io.kairos.scheduler.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which
 * {@code scripts/test.sh} installs): two test applications on random ports, one that allows changes and one
 * read-only. With {@code -Dkairos.dashboard.screenshots=<dir>} the test saves the screenshots shown in the docs.
 */
class DashboardBrowserTests {

    private static final String CHROMIUM = "/usr/bin/chromium";

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private static ConfigurableApplicationContext writable;

    private static ConfigurableApplicationContext readOnly;

    private static WebDriver browser;

    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assertThat(new File(CHROMIUM)).as("Chromium is missing: apt-get install -y chromium chromium-driver (scripts/test.sh does)")
            .exists();
        assertThat(new File(CHROMEDRIVER)).as("chromedriver is missing: apt-get install -y chromium-driver").exists();
        writable = app("kairos.dashboard.read-only=false");
        readOnly = app("kairos.dashboard.read-only=true");
        profile = Files.createTempDirectory("kairos-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
            .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
        browser = new ChromeDriver(service, options);
    }

    private static ConfigurableApplicationContext app(String readOnlyProperty) {
        return new SpringApplicationBuilder(DashboardTestApp.class)
            .properties("server.port=0", "kairos.dashboard.enabled=true", readOnlyProperty, DashboardTestApp.NO_SECURITY)
            .run();
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (writable != null) {
            writable.close();
        }
        if (readOnly != null) {
            readOnly.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
            }
        }
    }

    @Test
    void findsAJobPausesItRunsItNowAndShowsTheFieldErrorOfABadCron() throws IOException {
        open(writable, "/kairos/");
        waitForText(By.id("scheduler-state"), "RUNNING");
        waitForText(By.cssSelector("#overview .big"), "RUNNING");
        screenshot("dashboard-overview.png");

        browser.findElement(By.linkText("Jobs")).click();
        waitVisible(By.cssSelector("tr[data-job='nightly.cleanup']"));
        browser.findElement(By.id("job-search")).sendKeys("refresh");
        wait(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs tbody tr"), 1));
        browser.findElement(By.id("job-search")).clear();
        browser.findElement(By.id("job-search")).sendKeys(" ");
        wait(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#jobs tbody tr"), 3));
        screenshot("dashboard-jobs.png");

        browser.findElement(By.linkText("reports.refresh")).click();
        waitForText(By.id("job-state-pill"), "scheduled");
        assertThat(browser.findElements(By.cssSelector("#fire-times li"))).hasSize(10);

        browser.findElement(By.id("action-pause")).click();
        waitForText(By.id("job-state-pill"), "paused");
        JobScheduler scheduler = writable.getBean(JobScheduler.class);
        assertThat(scheduler.getJob("reports.refresh").orElseThrow().nextRunTime()).isEmpty();

        browser.findElement(By.id("action-resume")).click();
        waitForText(By.id("job-state-pill"), "scheduled");
        DashboardTestApp.Reports reports = writable.getBean(DashboardTestApp.Reports.class);
        int before = reports.refreshed.get();
        browser.findElement(By.id("action-run")).click();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reports.refreshed.get()).isGreaterThan(before));

        new Select(browser.findElement(By.id("trigger-type"))).selectByVisibleText("cron");
        browser.findElement(By.cssSelector("#reschedule input[name='hour']")).sendKeys("25");
        browser.findElement(By.id("reschedule-submit")).click();
        WebElement error = waitVisible(By.cssSelector(".field-error[data-field='hour']"));
        assertThat(error.getText()).startsWith("invalid trigger spec:").contains("25");
        assertThat(scheduler.getJob("reports.refresh").orElseThrow().trigger().toString()).startsWith("interval[");
        screenshot("dashboard-job.png");

        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        open(writable, "/kairos/#/jobs");
        waitVisible(By.cssSelector("tr[data-job='nightly.cleanup']"));
        screenshot("dashboard-phone.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }

    @Test
    void aReadOnlyDashboardSaysHowToAllowChangesAndRefusesThem() {
        open(readOnly, "/kairos/#/jobs/reports.refresh");
        WebElement notice = waitVisible(By.id("read-only"));
        assertThat(notice.getText()).contains("kairos.dashboard.read-only=false");
        waitForText(By.id("job-state-pill"), "scheduled");
        assertThat(browser.findElement(By.id("action-pause")).isDisplayed()).isFalse();
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('api/jobs/reports.refresh/pause', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'})
                  .then(r => done(r.status));""");
        assertThat(status).isEqualTo(403L);
        assertThat(readOnly.getBean(JobScheduler.class).getJob("reports.refresh").orElseThrow().nextRunTime()).isPresent();
    }

    private static void open(ConfigurableApplicationContext app, String path) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        browser.get("http://127.0.0.1:" + port + path);
    }

    private static <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).until(condition);
    }

    private static WebElement waitVisible(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitForText(By by, String text) {
        wait(ExpectedConditions.textToBe(by, text));
    }

    /** Saves a screenshot when {@code kairos.dashboard.screenshots} names a directory. */
    private static void screenshot(String name) throws IOException {
        String directory = System.getProperty("kairos.dashboard.screenshots");
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        assertThat(shot.length()).isPositive();
        if (directory != null) {
            Files.copy(shot.toPath(), Path.of(directory, name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
