using System.Text.Json;

namespace Polri110.Console.SignIn;

/// <summary>The development tokens ./run.sh writes to .run/tokens.json, one per role (Development only).</summary>
public sealed class DevelopmentTokens(IConfiguration configuration)
{
    public async Task<string?> ForRoleAsync(string role)
    {
        var file = configuration["Console:DevTokensFile"];
        if (string.IsNullOrEmpty(file) || !File.Exists(file))
        {
            return null;
        }

        await using var stream = File.OpenRead(file);
        var tokens = await JsonSerializer.DeserializeAsync<Dictionary<string, string>>(stream);
        return tokens?.GetValueOrDefault(role);
    }
}
