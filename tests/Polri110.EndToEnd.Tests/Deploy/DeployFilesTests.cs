using Polri110.Testing;
using YamlDotNet.RepresentationModel;

namespace Polri110.EndToEnd.Tests.Deploy;

/// <summary>
/// The deployment files are read by tools this machine does not have (kubectl, docker compose): these checks catch
/// what those tools would refuse, and what would fail only under load or at the first rotation.
/// </summary>
public sealed class DeployFilesTests
{
    /// <summary>Generally available Kubernetes APIs, and the stable APIs of the operators the manifests use.</summary>
    private static readonly HashSet<string> StableApis =
    [
        "v1", "apps/v1", "batch/v1", "policy/v1", "networking.k8s.io/v1",
        "postgresql.cnpg.io/v1",
        "rabbitmq.com/v1beta1", // the RabbitMQ Cluster and Messaging Topology Operators have served no other version
    ];

    private static string Folder => Path.Combine(TestPaths.RepositoryRoot(), "deploy", "kubernetes");

    [Fact]
    public void Every_kubernetes_document_parses_and_names_a_stable_api()
    {
        var documents = Manifests().ToList();

        Assert.True(documents.Count >= 30, $"only {documents.Count} documents");
        foreach (var (file, document) in documents)
        {
            Assert.Contains(Text(document, "apiVersion"), StableApis);
            Assert.False(string.IsNullOrEmpty(Text(document, "kind")), $"a document of {file} has no kind");
            Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")), $"a document of {file} has no name");
        }
    }

    [Fact]
    public void Every_deployment_has_probes_resources_two_replicas_and_a_disruption_budget()
    {
        var budgets = OfKind("PodDisruptionBudget").Select(budget => Text(budget, "spec", "selector", "matchLabels", "service")).ToHashSet();
        var deployments = OfKind("Deployment").ToList();

        Assert.Equal(["console", "dispatch", "intake", "routing", "tracking"], deployments.Select(Name).Order());
        foreach (var deployment in deployments)
        {
            var container = (YamlMappingNode)((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")!).Children.Single();
            Assert.True(int.Parse(Text(deployment, "spec", "replicas")) >= 2, Name(deployment));
            Assert.Equal("/health/ready", Text(container, "readinessProbe", "httpGet", "path"));
            Assert.Equal("/health/live", Text(container, "livenessProbe", "httpGet", "path"));
            Assert.NotEmpty(Text(container, "resources", "limits", "memory"));
            Assert.Contains(Name(deployment), budgets);
        }
    }

    [Fact]
    public void The_connection_pools_of_every_instance_add_up_below_the_servers_max_connections()
    {
        var maxConnections = int.Parse(Text(OfKind("Cluster").Single(), "spec", "postgresql", "parameters", "max_connections"));
        // Deployments at their replicas, plus one surge pod each during a rolling update, plus the migrate Jobs at once.
        var pools = OfKind("Deployment")
            .Where(deployment => Environment(deployment).ContainsKey("ConnectionStrings__Polri110"))
            .Select(deployment => (int.Parse(Text(deployment, "spec", "replicas")) + 1) * PoolOf(deployment))
            .Concat(OfKind("Job").Select(PoolOf))
            .Sum();

        Assert.True(pools < maxConnections - 10, $"{pools} pooled connections against max_connections {maxConnections}");
    }

    [Fact]
    public void The_brokers_users_have_the_permissions_of_the_services_permission_table()
    {
        var permissions = OfKind("Permission").ToDictionary(
            permission => Text(permission, "spec", "user"),
            permission => (Text(permission, "spec", "permissions", "configure"), Text(permission, "spec", "permissions", "write"),
                Text(permission, "spec", "permissions", "read")));

        foreach (var service in BrokerPermission.OfServices())
        {
            Assert.True(permissions.TryGetValue(service.User, out var granted), $"no Permission for {service.User}");
            Assert.Equal((service.Configure, service.Write, service.Read), granted);
        }

        Assert.Equal(BrokerPermission.OfServices().Count, permissions.Count);
    }

    [Fact]
    public void No_manifest_holds_a_password_or_key_of_its_own()
    {
        foreach (var (file, document) in Manifests())
        {
            Assert.NotEqual("Secret", Text(document, "kind"));
            foreach (var (name, value) in Environment(document))
            {
                var secretish = name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Key")
                                || value.Contains("Password=", StringComparison.Ordinal) && !value.Contains("Password=$(");
                Assert.False(secretish && value.Length > 0 && !value.Contains("$("), $"{file}: {name} has a value of its own");
            }
        }
    }

    [Fact]
    public void Docker_compose_parses_and_takes_every_password_from_the_environment()
    {
        var compose = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestPaths.RepositoryRoot(), "docker-compose.yml")))
        {
            compose.Load(reader);
        }

        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot(), "docker-compose.yml"));
        foreach (var service in BrokerPermission.OfServices())
        {
            Assert.Contains($"POLRI110_AMQP_PASSWORD_{service.User.ToUpperInvariant().Replace('-', '_')}: ${{", text);
        }

        Assert.Contains("\"127.0.0.1:15672:15672\"", text);
        Assert.DoesNotMatch(@"(?i)password[=:]\s*[a-z0-9]", text.Replace("Password=${", "").Replace("PASSWORD: ${", ""));
    }

    /// <summary>The instance's pool and the readiness check's own connection.</summary>
    private static int PoolOf(YamlMappingNode workload) =>
        int.TryParse(Environment(workload).GetValueOrDefault("EventStore__MaxPoolSize"), out var size)
            ? size + Polri110.ServiceDefaults.EventStore.EventStoreSetup.HealthCheckConnections
            : throw new Xunit.Sdk.XunitException($"{Name(workload)} connects to the store without EventStore__MaxPoolSize (Npgsql: 100)");

    private static Dictionary<string, string> Environment(YamlMappingNode document)
    {
        var found = new Dictionary<string, string>();
        foreach (var env in Descendants(document).OfType<YamlMappingNode>()
                     .Where(node => node.Children.ContainsKey("env"))
                     .Select(node => node.Children["env"]).OfType<YamlSequenceNode>()
                     .SelectMany(sequence => sequence.Children.OfType<YamlMappingNode>()))
        {
            found[Text(env, "name")] = env.Children.TryGetValue("value", out var value) ? value.ToString() : "";
        }

        return found;
    }

    private static IEnumerable<YamlNode> Descendants(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.Values.SelectMany(Descendants).Prepend(node),
        YamlSequenceNode sequence => sequence.Children.SelectMany(Descendants).Prepend(node),
        _ => [node],
    };

    private static IEnumerable<YamlMappingNode> OfKind(string kind) =>
        Manifests().Select(manifest => manifest.Document).Where(document => Text(document, "kind") == kind);

    private static IEnumerable<(string File, YamlMappingNode Document)> Manifests()
    {
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order())
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                stream.Load(reader); // throws on what kubectl would refuse to read, aliases across documents included
            }

            foreach (var document in stream.Documents)
            {
                yield return (Path.GetFileName(file), (YamlMappingNode)document.RootNode);
            }
        }
    }

    private static string Name(YamlMappingNode document) => Text(document, "metadata", "name");

    private static YamlNode? Node(YamlMappingNode document, params string[] path)
    {
        YamlNode? node = document;
        foreach (var key in path)
        {
            node = node is YamlMappingNode mapping && mapping.Children.TryGetValue(key, out var child) ? child : null;
        }

        return node;
    }

    private static string Text(YamlMappingNode document, params string[] path) => Node(document, path)?.ToString() ?? "";
}
