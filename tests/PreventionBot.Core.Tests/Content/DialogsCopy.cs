using PreventionBot.Core.Content;

namespace PreventionBot.Core.Tests.Content;

/// <summary>
/// A throw-away copy of the shipped dialogs/ that a test may break in one place, so each test proves that
/// one kind of mistake is caught without depending on the others.
/// </summary>
internal sealed class DialogsCopy : IDisposable
{
    public DialogsCopy()
    {
        var source = DialogsDirectory.Locate();
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pb-dialogs-" + Guid.NewGuid().ToString("N"));

    /// <summary>Replaces the first occurrence of <paramref name="find"/>, which must be there.</summary>
    public void Edit(string file, string find, string replace)
    {
        var path = System.IO.Path.Combine(Path, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in {file}");
        File.WriteAllText(path, text[..at] + replace + text[(at + find.Length)..]);
    }

    public void Append(string file, string yaml) => File.AppendAllText(System.IO.Path.Combine(Path, file), yaml);

    public void Write(string file, string yaml)
    {
        var path = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, yaml);
    }

    public IReadOnlyList<ContentProblem> Validate() => ContentLoader.Validate(Path);

    public BotContent Load() => ContentLoader.Load(Path);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
