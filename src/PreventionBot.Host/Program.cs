using PreventionBot.Core.Content;
using PreventionBot.Core.Understanding.Evaluation;
using PreventionBot.Host.Cli;
using PreventionBot.Host.Hosting;
using PreventionBot.Host.Logging;
using PreventionBot.Host.Messages;
using PreventionBot.Host.WebChat;
using Serilog.Extensions.Logging;

// One executable, four uses: the web host (default), and three commands for people working on content.
switch (args.FirstOrDefault())
{
    case "chat":
        return await TerminalChat.RunAsync(DialogsDirectory.Locate(), OptionValue(args, "--locale"), Console.In, Console.Out);
    case "validate":
        return ContentCommands.Validate(DialogsDirectory.Locate(OptionValue(args, "--dialogs")), Console.Out);
    case "eval":
        return EvalCommand.Run(
            DialogsDirectory.Locate(OptionValue(args, "--dialogs")),
            OptionValue(args, "--report") ?? Path.Combine("artifacts", "nlu", "report.json"),
            int.TryParse(OptionValue(args, "--folds"), out var folds) ? folds : 5,
            Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // The Bot Framework convention; --urls or ASPNETCORE_URLS override it.
    builder.WebHost.UseUrls("http://localhost:3978");
}

builder.Logging.ClearProviders();
// Built from the final configuration (so every source, test settings included, is seen) when first needed.
builder.Services.AddSingleton<ILoggerProvider>(services =>
    new SerilogLoggerProvider(LoggingSetup.CreateLogger(services.GetRequiredService<IConfiguration>()), dispose: true));
LoggingSetup.SuppressFrameworkRequestLogs(builder.Logging);
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue<int?>("Bot:MaxRequestBodyBytes") ?? new BotHostOptions().MaxRequestBodyBytes);
builder.Services.AddPreventionBot(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration);

var app = builder.Build();
app.UseMiddleware<RequestLogging>();
app.UseWebChat();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapBotMessages();
await app.RunAsync();
return 0;

static string? OptionValue(string[] args, string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
