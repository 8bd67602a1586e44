using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace PreventionBot.Host.Tests.Browser;

/// <summary>
/// The chat page in a real Chromium with the real Web Chat bundle against the real host: welcome, buttons, typed
/// questions, keyboard-only use, country picker, quick exit, delete, the embed, and axe-core.
/// </summary>
[Collection(RealHostGroup.Name)]
public sealed class ChatPageBrowserTests(KestrelBotHost host, BrowserFixture browser, ITestOutputHelper output)
{
    private const string SendBox = "[data-id='webchat-sendbox-input']";

    [Fact]
    public async Task Page_loads_with_the_welcome_and_a_suggested_action_leads_to_its_topic()
    {
        var (context, page, console) = await browser.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        var welcome = await WaitForTopicAsync(page, "welcome");
        Assert.Equal("en-GB", welcome.GetProperty("locale").GetString());
        await Assertions.Expect(page.GetByText("automated service", new() { Exact = false }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "01-welcome");

        var action = welcome.GetProperty("suggestedActions").GetProperty("actions")[0];
        var title = action.GetProperty("title").GetString()!;
        var topic = action.GetProperty("value").GetString()![1..].Split('/')[0];
        await page.Locator(".webchat__suggested-actions").GetByRole(AriaRole.Button, new() { Name = title, Exact = true }).First.ClickAsync();
        await WaitForTopicAsync(page, topic);
        await BrowserFixture.ScreenshotAsync(page, "02-suggested-action");

        // Nothing the page did broke its own Content-Security-Policy, and the upload button is hidden.
        console.ForEach(output.WriteLine);
        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || line.StartsWith("pageerror", StringComparison.Ordinal));
        Assert.Equal(0, await page.Locator("input[type=file]").CountAsync());
        Assert.Empty(await context.CookiesAsync());
    }

    [Fact]
    public async Task Typed_question_gets_the_right_topic()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        await WaitForTopicAsync(page, "welcome");

        await page.Locator(SendBox).FillAsync("Is this chat anonymous? Do you store what I write?");
        await page.Locator(SendBox).PressAsync("Enter");
        await WaitForTopicAsync(page, "privacy");
        await Assertions.Expect(page.GetByText("Is this chat anonymous?", new() { Exact = false }).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "03-typed-question");
    }

    [Fact]
    public async Task Keyboard_only_reaches_the_send_box_and_the_buttons()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        var welcome = await WaitForTopicAsync(page, "welcome");

        // Tab from the top of the page until the send box has focus.
        Assert.True(await TabUntilAsync(page, $"document.activeElement && document.activeElement.matches(\"{SendBox}\")"), "Tab never reached the send box");
        await page.Keyboard.TypeAsync("What does the law say?");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => window.preventionBot.activities.filter(a => a.from && a.from.role === 'bot').length >= 2");

        // Shift+Tab back to a suggested action and press it with Enter.
        var before = await page.EvaluateAsync<int>("() => window.preventionBot.activities.length");
        var reached = false;
        for (var i = 0; i < 15 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Shift+Tab");
            reached = await page.EvaluateAsync<bool>("() => !!document.activeElement && document.activeElement.closest('.webchat__suggested-actions') !== null");
        }

        Assert.True(reached, "Shift+Tab never reached a suggested action");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync($"() => window.preventionBot.activities.length >= {before + 2}");
        Assert.True(welcome.ValueKind == JsonValueKind.Object);
        await BrowserFixture.ScreenshotAsync(page, "04-keyboard");
    }

    [Fact]
    public async Task Country_picker_sets_the_jurisdiction()
    {
        var (context, page, _) = await browser.NewPageAsync("en-US");
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        await WaitForTopicAsync(page, "welcome");
        await page.Locator("#country").SelectOptionAsync("IE");
        await page.WaitForFunctionAsync("() => window.preventionBot.activities.some(a => a.channelData && a.channelData.reply === 'system/country-set')");
    }

    [Fact]
    public async Task Quick_exit_button_replaces_the_page_and_clears_the_conversation()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        await WaitForTopicAsync(page, "welcome");
        Assert.NotNull(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('preventionbot.conversation')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Quick exit" }).ClickAsync();
        await page.WaitForURLAsync(host.QuickExitUrl);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('preventionbot.conversation')"));

        // location.replace: the chat is not in the history.
        await page.GoBackAsync();
        Assert.NotEqual(host.BaseAddress.ToString(), page.Url);
    }

    [Fact]
    public async Task Escape_three_times_leaves_the_page()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        await WaitForTopicAsync(page, "welcome");
        await page.Locator(SendBox).FocusAsync();

        // Listen for the navigation before pressing, so a fast exit cannot finish before the wait begins.
        var leaving = page.WaitForURLAsync(host.QuickExitUrl, new() { WaitUntil = WaitUntilState.Commit });
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Escape");
        }

        await leaving;
        Assert.Equal(host.QuickExitUrl, page.Url);
    }

    [Fact]
    public async Task Delete_conversation_forgets_it_in_the_browser_and_on_the_server()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(host.BaseAddress.ToString());
        await WaitForTopicAsync(page, "welcome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this conversation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#notice")).ToContainTextAsync("deleted");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('preventionbot.conversation')"));
        await BrowserFixture.ScreenshotAsync(page, "05-deleted");
    }

    [Fact]
    public async Task Embed_launcher_on_the_demo_page_opens_the_chat_at_the_start_topic_and_quick_exit_leaves_the_partner_page()
    {
        var (context, page, console) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(new Uri(host.BaseAddress, "/demo").ToString());
        Assert.Equal(0, await page.Locator("iframe").CountAsync());

        var launcher = page.Locator("#preventionbot-launcher");
        await Assertions.Expect(launcher).ToHaveAttributeAsync("aria-expanded", "false");
        await launcher.ClickAsync();
        await Assertions.Expect(launcher).ToHaveAttributeAsync("aria-expanded", "true");
        var frame = await FrameAsync(page, "/chat");
        await frame.WaitForFunctionAsync("() => window.preventionBot && window.preventionBot.activities.some(a => a.channelData && a.channelData.topic === 'deterrence')");
        await BrowserFixture.ScreenshotAsync(page, "06-embed-demo");
        console.ForEach(output.WriteLine);
        Assert.DoesNotContain(console, line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));

        await page.FrameLocator("#preventionbot-panel iframe").GetByRole(AriaRole.Button, new() { Name = "Quick exit" }).ClickAsync();
        await page.WaitForURLAsync(host.QuickExitUrl);
    }

    [Theory]
    [InlineData("/", "en-GB")]
    [InlineData("/chat?locale=en-GB&start=self-help", "en-GB")]
    public async Task Axe_core_finds_no_serious_or_critical_violations(string path, string locale)
    {
        var (context, page, _) = await browser.NewPageAsync(locale);
        await using var __ = context;
        await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
        await WaitForTopicAsync(page, "welcome");
        await page.Locator(SendBox).FillAsync("hello");
        var violations = await RunAxeAsync(page);
        foreach (var v in violations)
        {
            output.WriteLine($"{path}: {v.Impact} {v.Id}: {v.Help} ({v.Nodes} nodes: {string.Join(", ", v.Targets)})");
        }

        Assert.DoesNotContain(violations, v => v.Impact is "serious" or "critical");
    }

    [Fact]
    public async Task Axe_core_finds_no_serious_or_critical_violations_on_the_demo_with_the_chat_open()
    {
        var (context, page, _) = await browser.NewPageAsync();
        await using var __ = context;
        await page.GotoAsync(new Uri(host.BaseAddress, "/demo").ToString());
        await page.Locator("#preventionbot-launcher").ClickAsync();
        var frame = await FrameAsync(page, "/chat");
        await frame.WaitForFunctionAsync("() => window.preventionBot && window.preventionBot.activities.some(a => a.channelData && a.channelData.topic === 'welcome')");
        var violations = await RunAxeAsync(page);
        foreach (var v in violations)
        {
            output.WriteLine($"/demo: {v.Impact} {v.Id}: {v.Help} ({v.Nodes} nodes: {string.Join(", ", v.Targets)})");
        }

        Assert.DoesNotContain(violations, v => v.Impact is "serious" or "critical");
    }

    private static async Task<JsonElement> WaitForTopicAsync(IPage page, string topic)
    {
        var handle = await page.WaitForFunctionAsync(
            "topic => window.preventionBot && window.preventionBot.activities.find(a => a.from && a.from.role === 'bot' && a.channelData && a.channelData.topic === topic)",
            topic,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        return await handle.JsonValueAsync<JsonElement>();
    }

    private static async Task<IFrame> FrameAsync(IPage page, string path)
    {
        for (var i = 0; i < 100; i++)
        {
            if (page.Frames.FirstOrDefault(f => new Uri(f.Url, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } u && u.AbsolutePath == path) is { } frame)
            {
                await frame.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
                return frame;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("No frame at " + path);
    }

    private static async Task<bool> TabUntilAsync(IPage page, string condition)
    {
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => " + condition))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<List<AxeViolation>> RunAxeAsync(IPage page)
    {
        var axe = Path.Combine(AppContext.BaseDirectory, "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), "axe-core missing: this project's build copies it from the axe-core package (NpmPackageFile).");

        // Evaluated through the DevTools protocol, so the page's CSP (no inline script) stays in force for the page itself.
        await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.length,
                targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }));
            }
            """);
        return [.. result.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            v.GetProperty("nodes").GetInt32(),
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))];
    }

    private sealed record AxeViolation(string Id, string Impact, string Help, int Nodes, IReadOnlyList<string> Targets);
}
