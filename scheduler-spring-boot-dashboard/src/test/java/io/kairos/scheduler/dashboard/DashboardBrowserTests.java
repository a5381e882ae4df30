package io.kairos.scheduler.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kairos.scheduler.JobChanges;
import io.kairos.scheduler.JobRequest;
import io.kairos.scheduler.boot.JobScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
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
            .properties("server.port=0", "kairos.dashboard.enabled=true", "kairos.dashboard.poll-interval=1s", readOnlyProperty,
                    DashboardTestApp.NO_SECURITY)
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
        // run now sets the next run time to now, which resumes a paused job: the button says so
        WebElement runAndResume = browser.findElement(By.id("action-run"));
        assertThat(runAndResume.getText()).isEqualTo("Run now and resume");
        assertThat(runAndResume.getDomAttribute("title")).contains("resumes it");

        browser.findElement(By.id("action-resume")).click();
        waitForText(By.id("job-state-pill"), "scheduled");
        waitForText(By.id("action-run"), "Run now");
        DashboardTestApp.Reports reports = writable.getBean(DashboardTestApp.Reports.class);
        int before = reports.refreshed.get();
        int runsShown = browser.findElements(By.cssSelector("#job-runs tbody tr")).size();
        browser.findElement(By.id("action-run")).click();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reports.refreshed.get()).isGreaterThan(before));
        // the recorded run appears in the job's history without a reload
        wait(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#job-runs tbody tr"), runsShown));
        assertThat(browser.findElement(By.cssSelector("#job-runs tbody tr .pill")).getText()).isEqualTo("succeeded");

        browser.findElement(By.id("action-pause")).click();
        waitForText(By.id("job-state-pill"), "paused");
        browser.findElement(By.id("action-run")).click();
        waitForText(By.id("job-state-pill"), "scheduled");

        new Select(browser.findElement(By.id("trigger-type"))).selectByVisibleText("cron");
        browser.findElement(By.cssSelector("#reschedule input[name='hour']")).sendKeys("25");
        browser.findElement(By.id("reschedule-submit")).click();
        WebElement error = waitVisible(By.cssSelector(".field-error[data-field='hour']"));
        assertThat(error.getText()).startsWith("invalid trigger spec:").contains("25");
        assertThat(scheduler.getJob("reports.refresh").orElseThrow().trigger().toString()).startsWith("interval[");
        screenshot("dashboard-job.png");

        open(writable, "/kairos/#/jobs/imports.fetch");
        waitForText(By.id("job-state-pill"), "scheduled");
        browser.findElement(By.id("action-run")).click();
        WebElement failure = waitVisible(By.cssSelector("#job details.run-error summary"));
        assertThat(failure.getText()).contains("java.lang.IllegalStateException: supplier feed https://feeds.example/prices answered 503");
        failure.click();
        assertThat(waitVisible(By.cssSelector("#job details.run-error pre")).getText()).contains("DashboardTestApp$Imports.fetch");
        script("document.querySelector('#job details.run-error').scrollIntoView()");
        screenshot("dashboard-failed-run.png");

        browser.findElement(By.linkText("Runs")).click();
        new Select(browser.findElement(By.id("run-outcome"))).selectByVisibleText("FAILED");
        waitVisible(By.cssSelector("#runs tbody a[href='#/jobs/imports.fetch']"));
        assertThat(browser.findElements(By.cssSelector("#runs tbody .pill"))).extracting(WebElement::getText).containsOnly("failed");

        script("window.scrollTo(0, 0)");
        browser.manage().window().setSize(new Dimension(390, 844));
        open(writable, "/kairos/#/jobs");
        waitVisible(By.cssSelector("tr[data-job='nightly.cleanup']"));
        screenshot("dashboard-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 800));
    }

    /** A removed job keeps its runs until retention removes them: its page shows them, reached from the Runs view. */
    @Test
    void aRemovedJobsPageSaysSoAndStillShowsItsRunsChartAndStackTraces() {
        JobScheduler scheduler = writable.getBean(JobScheduler.class);
        // added paused: an interval without a start date would run at once, a third run besides the two made here
        scheduler.addJob(JobRequest.of("imports.fetch").id("removed.fetch").trigger(Map.of("type", "interval", "hours", 2)).paused());
        for (int i = 1; i <= 2; i++) {
            scheduler.modifyJob("removed.fetch", JobChanges.create().nextRunTime(scheduler.engine().clock().instant()));
            int runs = i;
            await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.getRuns("removed.fetch", 10).size() >= runs);
        }
        scheduler.removeJob("removed.fetch");

        open(writable, "/kairos/#/runs");
        waitForText(By.id("scheduler-state"), "RUNNING");
        new Select(browser.findElement(By.id("run-outcome"))).selectByVisibleText("FAILED");
        waitVisible(By.cssSelector("#runs tbody a[href='#/jobs/removed.fetch']")).click();

        waitForText(By.id("job-state-pill"), "removed");
        assertThat(browser.findElement(By.id("job-removed")).getText())
            .isEqualTo("This job was removed: it is in no job store. Its runs are kept until retention removes them.");
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
        wait(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#job-runs tbody tr"), 2));
        assertThat(browser.findElements(By.cssSelector("#job-runs tbody .pill"))).extracting(WebElement::getText).containsOnly("failed");
        waitVisible(By.cssSelector("#duration-chart .uplot"));
        WebElement failure = waitVisible(By.cssSelector("#job details.run-error summary"));
        assertThat(failure.getText()).contains("java.lang.IllegalStateException: supplier feed https://feeds.example/prices answered 503");
        failure.click();
        assertThat(waitVisible(By.cssSelector("#job details.run-error pre")).getText()).contains("DashboardTestApp$Imports.fetch");
        // no job actions for a job that is gone
        assertThat(browser.findElements(By.cssSelector("#job .actions button"))).isEmpty();
        assertThat(browser.findElements(By.id("reschedule"))).isEmpty();

        open(writable, "/kairos/#/jobs/never.there");
        waitForText(By.id("job-state-pill"), "removed");
        waitForText(By.id("job-removed"), "No job with id \"never.there\" in any job store, and no runs recorded for it: it was"
                + " removed and retention has removed its runs, or it never existed.");
    }

    /** The jobs table gets a bounded preview of each job's arguments and shows when it was cut. */
    @Test
    void theJobsTableShowsTheStartOfLargeArgumentsAndSaysTheyWereCut() {
        JobScheduler scheduler = readOnly.getBean(JobScheduler.class);
        scheduler.addJob(JobRequest.of("reports.export").id("args.big").args("y".repeat(100_000)).trigger(Map.of("type", "interval", "hours", 1)));
        scheduler.addJob(JobRequest.of("reports.export").id("args.small").kwargs(Map.of("note", "weekly")).trigger(Map.of("type", "interval", "hours", 1)));
        try {
            open(readOnly, "/kairos/#/jobs");
            WebElement big = waitVisible(By.cssSelector("tr[data-job='args.big'] td.args"));
            assertThat(big.findElement(By.tagName("code")).getDomAttribute("title")).isEqualTo("[\"" + "y".repeat(JobRows.MAX_PREVIEW - 2) + "…");
            assertThat(big.findElement(By.cssSelector("a.truncated")).getText()).isEqualTo("truncated: see the job");
            WebElement small = browser.findElement(By.cssSelector("tr[data-job='args.small'] td.args"));
            assertThat(small.findElement(By.tagName("code")).getText()).isEqualTo("{\"note\":\"weekly\"}");
            assertThat(small.findElement(By.cssSelector("a.truncated")).isDisplayed()).isFalse();
        }
        finally {
            scheduler.removeJob("args.big");
            scheduler.removeJob("args.small");
        }
    }

    @Test
    void everyViewFitsDesktopAndPhoneWidthsInLightAndDark() throws IOException {
        try {
            for (String scheme : List.of("light", "dark")) {
                ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
                for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(390, 844))) {
                    browser.manage().window().setSize(size);
                    for (String view : List.of("#/", "#/jobs", "#/jobs/imports.fetch", "#/runs", "#/broken")) {
                        open(writable, "/kairos/" + view);
                        waitForText(By.id("scheduler-state"), "RUNNING");
                        if (view.equals("#/jobs")) {
                            waitVisible(By.cssSelector("tr[data-job='nightly.cleanup']"));
                        }
                        if (view.startsWith("#/jobs/")) {
                            waitForText(By.id("job-state-pill"), "scheduled");
                        }
                        Map<?, ?> page = (Map<?, ?>) script("return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth,"
                                + " background: getComputedStyle(document.body).backgroundColor};");
                        String where = view + " at " + size + " in " + scheme + ": " + page;
                        assertThat(((Number) page.get("scroll")).longValue()).as(where).isLessThanOrEqualTo(((Number) page.get("inner")).longValue());
                        assertThat(((Number) page.get("inner")).longValue()).as(where).isLessThanOrEqualTo(size.getWidth());
                        int brightness = brightness((String) page.get("background"));
                        assertThat(brightness).as(where).isBetween(scheme.equals("dark") ? 0 : 600, scheme.equals("dark") ? 150 : 765);
                    }
                    if (size.getWidth() == 1280 && scheme.equals("dark")) {
                        open(writable, "/kairos/#/");
                        waitForText(By.cssSelector("#overview .big"), "RUNNING");
                        screenshot("dashboard-dark.png");
                    }
                }
            }
        }
        finally {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
            browser.manage().window().setSize(new Dimension(1280, 800));
        }
    }

    /** The sum of the red, green and blue of a CSS {@code rgb(r, g, b)} colour: 0 (black) to 765 (white). */
    private static int brightness(String rgb) {
        return java.util.Arrays.stream(rgb.replaceAll("[^0-9,]", "").split(",")).limit(3).mapToInt(Integer::parseInt).sum();
    }

    private static Object script(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
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

    @Test
    void theJobsTablePagesWithNextAndPreviousAndKeepsThePageShownWhenItPolls() {
        JobScheduler scheduler = readOnly.getBean(JobScheduler.class);
        List<String> ids = java.util.stream.IntStream.range(0, 120).mapToObj((i) -> String.format("page-%03d", i)).toList();
        scheduler.addJobs(ids.stream()
            .map((id) -> JobRequest.of("reports.refresh").id(id).trigger(Map.of("type", "interval", "hours", 1)))
            .toList());
        try {
            open(readOnly, "/kairos/#/jobs");
            By rows = By.cssSelector("#jobs tbody tr");
            waitVisible(By.cssSelector("tr[data-job='nightly.cleanup']"));
            wait(ExpectedConditions.numberOfElementsToBe(rows, 50));
            browser.findElement(By.id("jobs-next")).click();
            waitVisible(By.cssSelector("tr[data-job='page-048']"));
            waitForText(By.id("jobs-page"), "2");
            assertThat(browser.findElements(rows)).hasSize(50);
            assertThat(browser.findElements(By.cssSelector("tr[data-job='page-047']"))).isEmpty();
            browser.findElement(By.id("jobs-next")).click();
            waitVisible(By.cssSelector("tr[data-job='reports.refresh']"));
            assertThat(browser.findElements(rows)).hasSize(23);
            assertThat(browser.findElement(By.id("jobs-next")).isDisplayed()).isFalse();
            // a poll (every second here) reloads page 3, not the first page
            String updated = browser.findElement(By.cssSelector("footer span")).getText();
            wait(ExpectedConditions.not(ExpectedConditions.textToBe(By.cssSelector("footer span"), updated)));
            assertThat(browser.findElements(By.cssSelector("tr[data-job='page-098']"))).hasSize(1);
            browser.findElement(By.id("jobs-previous")).click();
            waitVisible(By.cssSelector("tr[data-job='page-048']"));
            waitForText(By.id("jobs-page"), "2");
            browser.findElement(By.id("jobs-previous")).click();
            waitVisible(By.cssSelector("tr[data-job='imports.fetch']"));
            assertThat(browser.findElement(By.id("jobs-previous")).isDisplayed()).isFalse();
        }
        finally {
            ids.forEach(scheduler::removeJob);
        }
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
