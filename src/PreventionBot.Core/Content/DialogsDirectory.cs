namespace PreventionBot.Core.Content;

/// <summary>Finds the <c>dialogs/</c> folder for the host, the command-line tools and the tests.</summary>
public static class DialogsDirectory
{
    public const string EnvironmentVariable = "PREVENTIONBOT_DIALOGS";

    /// <summary>
    /// The folder named by <see cref="EnvironmentVariable"/>, else the first <c>dialogs/</c> found walking up
    /// from the working directory and then from the application's own folder (so <c>dotnet run</c>,
    /// <c>dotnet test</c> and a published container all find it without configuration).
    /// </summary>
    public static string Locate(string? configured = null)
    {
        var explicitPath = configured ?? Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            var full = Path.GetFullPath(explicitPath);
            return Directory.Exists(full)
                ? full
                : throw new DirectoryNotFoundException($"The dialogs folder '{full}' does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                // The repository root (dialogs/ beside PreventionBot.sln) or a published app (dialogs/topics).
                var candidate = Path.Combine(dir.FullName, "dialogs");
                if (Directory.Exists(candidate)
                    && (File.Exists(Path.Combine(dir.FullName, "PreventionBot.sln")) || Directory.Exists(Path.Combine(candidate, "topics"))))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No dialogs/ folder found above '{Directory.GetCurrentDirectory()}'; set {EnvironmentVariable} or Content:DialogsPath.");
    }
}
