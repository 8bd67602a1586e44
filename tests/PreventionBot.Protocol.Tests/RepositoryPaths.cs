namespace PreventionBot.Protocol.Tests;

internal static class RepositoryPaths
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PreventionBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("PreventionBot.sln not found above the test folder.");
    }
}
