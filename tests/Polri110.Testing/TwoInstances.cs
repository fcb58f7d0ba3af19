using Xunit;

namespace Polri110.Testing;

/// <summary>
/// Two instances of one service on one database and virtual host, as behind a load balancer: the second is started
/// once the first has migrated the store. Use as a class fixture through a subclass that says how to make them.
/// </summary>
public abstract class TwoInstances<THost>(Func<THost> first, Func<THost, THost> secondOn) : IAsyncLifetime
    where THost : class, IAsyncLifetime
{
    public THost First { get; } = first();

    public THost Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = secondOn(First);
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
