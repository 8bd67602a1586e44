using PreventionBot.Host.BotConnector;
using PreventionBot.Host.Cli;
using PreventionBot.Host.Hosting;
using PreventionBot.Host.Turns;
using PreventionBot.Host.WebChat;

// One executable: the content commands (chat, validate, eval), else the web host.
if (await CommandLine.TryRunAsync(args, Console.In, Console.Out) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddBotHosting();                                        // address, logging, limits, proxies, security headers
builder.Services.AddTurns(builder.Configuration);               // content, engine, state, the one turn processor
builder.Services.AddBotConnectorChannel(builder.Configuration); // /api/messages: Emulator and Azure Bot Service channels
builder.Services.AddWebChatChannel(builder.Configuration);      // Direct Line 3.0 and the chat pages

var app = builder.Build();
app.UseBotHosting();
app.MapBotConnectorChannel();
app.MapWebChatChannel();
return await HostRunner.RunAsync(app, Console.Error);

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
