using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

// The auditors' command line, a client of Tracking's API (so every reading of personal data it makes is recorded).
//
//   polri110-audit verify <reportId>                       is the report's history as it was committed? exit 1 if not
//   polri110-audit verify-all [--polres <id>] [--from <t>] [--to <t>]   every matching report; exit 1 if any is broken
//   polri110-audit export <reportId>                       summary, full history and verification as one JSON document
//
// Environment: POLRI110_TOKEN (an auditor's bearer token), POLRI110_TRACKING (default http://127.0.0.1:5140).
// e.g. POLRI110_TOKEN=$(python3 -c "import json; print(json.load(open('.run/tokens.json'))['auditor'])") \
//      dotnet services/Audit/bin/Release/net10.0/Polri110.Audit.dll verify-all --polres polres-metro-tangerang-kota
var token = Environment.GetEnvironmentVariable("POLRI110_TOKEN");
if (string.IsNullOrEmpty(token) || args.Length == 0)
{
    Console.Error.WriteLine("usage: POLRI110_TOKEN=<auditor token> polri110-audit verify <reportId> | verify-all [--polres <id>] [--from <t>] [--to <t>] | export <reportId>");
    return 2;
}

using var tracking = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable("POLRI110_TRACKING") ?? "http://127.0.0.1:5140") };
tracking.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
var output = new JsonSerializerOptions { WriteIndented = true };
string? Option(string name) => args.SkipWhile(arg => arg != name).Skip(1).FirstOrDefault();

async Task<JsonNode> GetAsync(string path)
{
    var response = await tracking.GetAsync(path);
    if (!response.IsSuccessStatusCode)
    {
        throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
}

try
{
    switch (args[0])
    {
        case "verify" when args.Length == 2 && Guid.TryParse(args[1], out var reportId):
        {
            var verification = await GetAsync($"/api/audit/verify?reportId={reportId}");
            Console.WriteLine(verification.ToJsonString(output));
            return verification["intact"]!.GetValue<bool>() ? 0 : 1;
        }

        case "verify-all":
        {
            // The list's end is fixed when the run starts, so reports arriving meanwhile do not shift the pages.
            var until = Option("--to") ?? DateTimeOffset.UtcNow.ToString("O");
            var filters = string.Concat(
                new[] { ("polres", Option("--polres")), ("from", Option("--from")), ("to", until) }
                    .Where(filter => filter.Item2 is not null)
                    .Select(filter => $"&{filter.Item1}={Uri.EscapeDataString(filter.Item2!)}"));
            var checkedCount = 0;
            var broken = new List<string>();
            for (var page = 1; ; page++)
            {
                var reports = (await GetAsync($"/api/reports?pageSize=200&page={page}{filters}"))["items"]!.AsArray();
                foreach (var report in reports)
                {
                    var id = report!["id"]!.GetValue<string>();
                    var verification = await GetAsync($"/api/audit/verify?reportId={id}");
                    checkedCount++;
                    if (!verification["intact"]!.GetValue<bool>())
                    {
                        broken.Add(id);
                        Console.WriteLine($"BROKEN {id}: {verification["detail"]}");
                    }
                }

                if (reports.Count < 200)
                {
                    break;
                }
            }

            Console.WriteLine($"{checkedCount} reports verified, {broken.Count} broken.");
            return broken.Count == 0 ? 0 : 1;
        }

        case "export" when args.Length == 2 && Guid.TryParse(args[1], out var reportId):
        {
            var export = new JsonObject
            {
                ["exportedAt"] = DateTimeOffset.UtcNow.ToString("O"),
                ["summary"] = await GetAsync($"/api/reports/{reportId}"),
                ["history"] = await GetAsync($"/api/reports/{reportId}/history"),
                ["verification"] = await GetAsync($"/api/audit/verify?reportId={reportId}"),
            };
            Console.WriteLine(export.ToJsonString(output));
            return 0;
        }

        default:
            Console.Error.WriteLine("Unknown command, or not a report id.");
            return 2;
    }
}
catch (HttpRequestException failure)
{
    Console.Error.WriteLine(failure.Message);
    return 3;
}
