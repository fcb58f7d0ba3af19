namespace Polri110.Testing;

public static class TestPaths
{
    /// <summary>The checkout the tests run from: the folder above the test binaries that holds Polri110.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Polri110.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Polri110.sln not found above the test binaries.");
    }
}
