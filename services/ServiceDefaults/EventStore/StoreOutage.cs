using System.Net.Sockets;
using Npgsql;

namespace Polri110.ServiceDefaults.EventStore;

/// <summary>
/// Whether a failure means PostgreSQL could not be reached (down, restarting, failing over), as opposed to a
/// request it refused. Such a failure says nothing about the message or request: it succeeds once the database is back.
/// </summary>
public static class StoreOutage
{
    public static bool IsCause(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is NpgsqlException { IsTransient: true } or SocketException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
