using Clv.TestInfrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Clv.Api.Tests;

/// <summary>
/// The dashboard in a real browser: Debian's chromium, headless, driven by Playwright (no browser download;
/// <c>.ci/run</c> installs chromium with apt-get, <c>CLV_CHROMIUM</c> names another binary) against a
/// running pipeline. Screenshots go to <c>screenshots/</c> beside the test assembly.
/// </summary>
[Collection(nameof(ApiCollection))]
public sealed class DashboardBrowserTests(KafkaFixture kafka, RedisFixture redis, ITestOutputHelper output)
{
    private const float TimeoutMs = 60_000;

    private static string ChromiumPath => Environment.GetEnvironmentVariable("CLV_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private static string ScreenshotDirectory => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    [Fact]
    public async Task Dashboard_ShowsAnAlertThroughSse_AndACustomersHistoryChart()
    {
        Assert.True(File.Exists(ChromiumPath), $"no browser at {ChromiumPath}: install Debian's chromium (apt-get install chromium) or set CLV_CHROMIUM");
        await using var scenario = new ApiScenario(kafka, redis);
        await scenario.StartAsync();
        var histories = await scenario.ScoreAsync(customers: 8, events: 5, seed: 11, TimeSpan.FromSeconds(90));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(TimeoutMs);
        await page.GotoAsync(scenario.BaseAddress.ToString());

        // The page is up and its alert stream open; the summary has seen the customers' updates.
        await Assertions.Expect(page.Locator("#stream-state")).ToHaveTextAsync("live", new() { Timeout = TimeoutMs });
        await Assertions.Expect(page.Locator("#model")).ToHaveTextAsync(scenario.Model.Version, new() { Timeout = TimeoutMs });
        await Assertions.Expect(page.Locator("#customers")).ToHaveTextAsync(histories.Count.ToString(), new() { Timeout = TimeoutMs });

        // An alert produced into the pipeline reaches the open page through SSE.
        var alerted = histories.Keys.First();
        await scenario.ProduceAlertAsync(alerted, Alerts.Json(alerted, "high", TestEvents.Start.AddDays(40), clvAtRisk: 321));
        var item = page.Locator($"#alerts li[data-customer='{alerted}']");
        await Assertions.Expect(item).ToHaveCountAsync(1, new() { Timeout = TimeoutMs });
        await Assertions.Expect(item.Locator(".sev.high")).ToHaveTextAsync("high");
        await Assertions.Expect(item).ToContainTextAsync("321");
        await Screenshot(page, "dashboard-alert");

        // A customer search draws the score history with one marker per event (refunds marked apart).
        var searched = histories.Keys.Skip(1).First();
        await page.FillAsync("#customer-id", searched);
        await page.ClickAsync("#search button");
        await Assertions.Expect(page.Locator("#history-chart circle.event")).ToHaveCountAsync(histories[searched].Count, new() { Timeout = TimeoutMs });
        await Assertions.Expect(page.Locator("#history-chart path.line-churn")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#customer-card")).ToContainTextAsync($"{searched}: churn");
        await Screenshot(page, "dashboard-customer");
    }

    private async Task Screenshot(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
