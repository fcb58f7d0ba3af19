# ./run.sh --cluster: on one machine, what a multi-machine deployment runs (SPEC §9): etcd, PostgreSQL as a
# Patroni-managed primary and synchronous standby, a 3-node RabbitMQ cluster with quorum queues, and HAProxy in front
# of the primary (checked through Patroni's REST API), of the broker's nodes and of two instances of every service.
# Every piece is a Debian package run as a process of its own, with its own ports and data under DIR. Source it
# after scripts/infra.sh; do not run it.

CLUSTER_PACKAGES=(patroni:patroni haproxy:haproxy etcd:etcd-server etcdctl:etcd-client)

# cluster_ports DIR: the ports of every piece, chosen once and kept in DIR/ports.env (the same again on restart).
cluster_ports() {
  local dir=$1 name
  if [ ! -s "$dir/ports.env" ]; then
    for name in ETCD_CLIENT ETCD_PEER PG1 PG2 PATRONI1 PATRONI2 PG_FRONT AMQP1 AMQP2 AMQP3 MGMT1 MGMT2 MGMT3 AMQP_FRONT MGMT_FRONT; do
      echo "PORT_$name=$(free_port)"
    done > "$dir/ports.env"
  fi
  . "$dir/ports.env"
}

start_etcd() { # start_etcd DIR
  local dir=$1/etcd
  mkdir -p "$dir"; chmod 700 "$dir"
  setsid nohup etcd --name polri110 --data-dir "$dir/data" \
    --listen-client-urls "http://127.0.0.1:$PORT_ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$PORT_ETCD_CLIENT" \
    --listen-peer-urls "http://127.0.0.1:$PORT_ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$PORT_ETCD_PEER" \
    --initial-cluster "polri110=http://127.0.0.1:$PORT_ETCD_PEER" >>"$dir/etcd.log" 2>&1 &
  echo $! > "$dir/pid"
  wait_until 30 "etcd" curl -fsS "http://127.0.0.1:$PORT_ETCD_CLIENT/health"
}

# patroni_config DIR N SECRETS: node N's configuration (it holds passwords: readable by the postgres user only).
patroni_config() {
  # Patroni needs the whole server toolset (pg_controldata, pg_rewind), which only the versioned directory holds.
  local dir=$1 n=$2 secrets=$3 pg rest bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  pg=PORT_PG$n; rest=PORT_PATRONI$n
  cat <<YAML
scope: polri110
name: pg$n
restapi: { listen: "127.0.0.1:${!rest}", connect_address: "127.0.0.1:${!rest}" }
etcd3: { hosts: "127.0.0.1:$PORT_ETCD_CLIENT" }
bootstrap:
  dcs:
    ttl: 15
    loop_wait: 5
    retry_timeout: 5
    synchronous_mode: true
    postgresql:
      use_pg_rewind: true
      # wal_keep_size: the primary keeps the WAL an old primary needs to rejoin. Rewound, it replays from the last
      # checkpoint before the two parted, up to 5 minutes back (checkpoint_timeout); without it the promoted standby had
      # already removed that WAL once, and the old primary waited as a standby that could never catch up.
      parameters: { wal_log_hints: "on", wal_keep_size: 1GB, max_connections: 300, password_encryption: scram-sha-256,
                    shared_preload_libraries: pg_stat_statements }
  initdb: [{ encoding: UTF8 }, { auth-local: peer }, { auth-host: scram-sha-256 }]
postgresql:
  listen: "127.0.0.1:${!pg}"
  connect_address: "127.0.0.1:${!pg}"
  data_dir: "$dir/pg$n"
  bin_dir: "$bin"
  parameters: { unix_socket_directories: "$dir/pg$n.socket" }
  pg_hba:
    - local all postgres peer
    - local all all scram-sha-256
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
  authentication:
    superuser: { username: postgres, password: "$(secret "$secrets/pg-postgres.password")" }
    replication: { username: replicator, password: "$(secret "$secrets/pg-replicator.password")" }
    rewind: { username: rewinder, password: "$(secret "$secrets/pg-rewinder.password")" }
YAML
}

start_patroni() { # start_patroni DIR N SECRETS
  local dir=$1/postgres n=$2 secrets=$3
  as_root mkdir -p "$dir" "$dir/pg$n.socket"
  patroni_config "$dir" "$n" "$secrets" | as_root tee "$dir/patroni$n.yml" >/dev/null
  as_root chown -R postgres:postgres "$dir"
  as_root chmod 700 "$dir"
  as_root chmod o+x "$(dirname "$dir")"
  as_root chmod 600 "$dir/patroni$n.yml"
  as_root runuser -u postgres -- setsid nohup patroni "$dir/patroni$n.yml" >>"$dir/patroni$n.log" 2>&1 &
}

# wait_for_sync_standby DIR: until Patroni names a leader and a synchronous standby; sets PG_PRIMARY_SOCKET (the
# leader's socket directory, which pg_admin takes like a data directory).
wait_for_sync_standby() {
  local dir=$1/postgres n
  wait_until 120 "a Patroni leader and synchronous standby" bash -c \
    "curl -fsS http://127.0.0.1:$PORT_PATRONI1/cluster | grep -q sync_standby"
  for n in 1 2; do
    local rest=PORT_PATRONI$n pg=PORT_PG$n
    echo "${!pg}" > "$dir/pg$n.socket.port"
    if curl -fsS "http://127.0.0.1:${!rest}/primary" >/dev/null 2>&1; then PG_PRIMARY_SOCKET=$dir/pg$n.socket; fi
  done
}

# start_rabbitmq_cluster DIR SECRETS: three nodes that form one cluster at start (classic peer discovery, one shared
# Erlang cookie); the services declare every queue a quorum queue (RabbitMQ 3.10 has no default queue type); the
# administrator as on a single node (no guest).
start_rabbitmq_cluster() {
  local dir=$1 secrets=$2 n node admin_password; admin_password=$(secret "$secrets/amqp-polri110-admin.password")
  secret "$secrets/erlang-cookie" >/dev/null
  for n in 1 2 3; do
    node=$dir/rabbitmq$n
    mkdir -p "$node/mnesia" "$node/log"; chmod 700 "$node"
    local amqp=PORT_AMQP$n mgmt=PORT_MGMT$n
    echo "polri110-c$n@localhost" > "$node/nodename"; echo "${!amqp}" > "$node/port"; echo "${!mgmt}" > "$node/management_port"
    [ -s "$node/dist_port" ] || free_port > "$node/dist_port"
    ( umask 077; cp "$secrets/erlang-cookie" "$node/.erlang.cookie"; chmod 400 "$node/.erlang.cookie"
      printf '%s\n' "listeners.tcp.default = 127.0.0.1:${!amqp}" 'management.tcp.ip = 127.0.0.1' "management.tcp.port = ${!mgmt}" \
        'default_user = polri110-admin' "default_pass = $admin_password" 'default_user_tags.administrator = true' \
        'default_permissions.configure = .*' 'default_permissions.write = .*' 'default_permissions.read = .*' \
        'cluster_formation.peer_discovery_backend = classic_config' \
        'cluster_formation.classic_config.nodes.1 = polri110-c1@localhost' \
        'cluster_formation.classic_config.nodes.2 = polri110-c2@localhost' \
        'cluster_formation.classic_config.nodes.3 = polri110-c3@localhost' \
        'cluster_partition_handling = pause_minority' > "$node/rabbitmq.conf" )
    echo '[rabbitmq_management].' > "$node/enabled_plugins"
    echo '[].' > "$node/advanced.config"
    ( rabbit_env "$node"; setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >>"$node/log/console.log" 2>&1 & echo $! > "$node/server.pid" )
  done
  for n in 1 2 3; do
    ( rabbit_env "$dir/rabbitmq$n"
      wait_for_rabbitmq 120 "RabbitMQ node $n" ) || return 1
  done
  wait_until 60 "three RabbitMQ nodes in one cluster" bash -c \
    "curl -fsS -u 'polri110-admin:$admin_password' http://127.0.0.1:$PORT_MGMT1/api/nodes | grep -o '\"running\":true' | wc -l | grep -qx 3"
  rabbit_api "$dir/rabbitmq1" "$secrets" DELETE /api/users/guest >/dev/null 2>&1 || true
}

stop_rabbitmq_cluster() { # stop_rabbitmq_cluster DIR
  local n; for n in 3 2 1; do stop_rabbitmq "$1/rabbitmq$n"; done
}

# start_haproxy DIR: TCP to the Patroni primary (whichever node answers 200 on /primary), to the three broker nodes and
# their management APIs; HTTP to the two instances of each service (on its usual port + 1 and + 2, e.g. Intake's 5111
# and 5112 behind 5110), each checked on /health/ready. The console's browsers stick to one instance (a Blazor page
# lives in its memory). A check may take 5 s to answer: with its default (the 1 s interval) both of Intake's instances,
# slow while a broker node booted beside them on a saturated machine, were taken out at once and every POST got 503 for
# 7 s. A killed instance refuses the connection and is still out after two checks. A request the killed instance
# took but never answered is sent again to the other instance (every retry goes to another server) when repeating
# it is harmless: a read, or a write with an Idempotency-Key (Intake's POST /api/reports answers a repeated key from
# its first answer). Any other write that way would fail as before, since it might have been done.
start_haproxy() {
  local dir=$1/haproxy service port n
  mkdir -p "$dir"; chmod 700 "$dir"
  {
    # The stats socket: which server HAProxy holds up or down and why (e.g. echo 'show stat' | socat - UNIX:DIR/haproxy/stats.sock).
    printf '%s\n' 'global' '  maxconn 4000' "  stats socket $dir/stats.sock mode 600 level user" 'defaults' '  timeout connect 2s' '  timeout client 1h' '  timeout server 1h' \
      '  timeout http-request 10s' '  timeout tunnel 1h' '  timeout check 5s' '  default-server inter 1s fall 2 rise 1'
    printf '%s\n' 'listen postgres' "  bind 127.0.0.1:$PORT_PG_FRONT" '  mode tcp' '  option httpchk GET /primary' \
      '  http-check expect status 200' \
      "  server pg1 127.0.0.1:$PORT_PG1 check port $PORT_PATRONI1 on-marked-down shutdown-sessions" \
      "  server pg2 127.0.0.1:$PORT_PG2 check port $PORT_PATRONI2 on-marked-down shutdown-sessions"
    printf '%s\n' 'listen amqp' "  bind 127.0.0.1:$PORT_AMQP_FRONT" '  mode tcp' '  balance leastconn'
    for n in 1 2 3; do local amqp=PORT_AMQP$n; echo "  server rabbit$n 127.0.0.1:${!amqp} check on-marked-down shutdown-sessions"; done
    printf '%s\n' 'listen management' "  bind 127.0.0.1:$PORT_MGMT_FRONT" '  mode tcp'
    for n in 1 2 3; do local mgmt=PORT_MGMT$n; echo "  server rabbit$n 127.0.0.1:${!mgmt} check"; done
    for service in "${!SERVICE_PORTS[@]}"; do
      port=${SERVICE_PORTS[$service]}
      printf '%s\n' "listen ${service,,}" "  bind 127.0.0.1:$port" '  mode http' '  option httpchk GET /health/ready' \
        "  balance $([ "$service" = Console ] && echo source || echo roundrobin)" '  option redispatch 1' '  retries 2' \
        '  retry-on conn-failure empty-response junk-response' \
        '  http-request disable-l7-retry if !METH_GET !{ req.hdr(idempotency-key) -m found }' \
        "  server ${service,,}1 127.0.0.1:$((port + 1)) check" "  server ${service,,}2 127.0.0.1:$((port + 2)) check"
    done
  } > "$dir/haproxy.cfg"
  haproxy -c -q -f "$dir/haproxy.cfg" >>"$POLRI110_INFRA_LOG" 2>&1 || { echo "HAProxy refused $dir/haproxy.cfg" >&2; return 1; }
  haproxy -D -p "$dir/pid" -f "$dir/haproxy.cfg" >>"$POLRI110_INFRA_LOG" 2>&1
}

# start_cluster DIR SECRETS: all of the above; sets PG_OWNER, PG_SERVICE and PG_AUDITOR (through HAProxy, without a
# database), AMQP_URI (the administrator, through HAProxy), RABBIT_MANAGEMENT_URL and BROKER_DIR (the broker's way in).
start_cluster() {
  local dir=$1 secrets=$2
  mkdir -p "$dir"; chmod 701 "$dir"
  chmod o+x "$(dirname "$dir")"  # the postgres user passes through to its nodes' directories, as in a single run
  cluster_ports "$dir"
  start_etcd "$dir"
  start_patroni "$dir" 1 "$secrets"
  start_patroni "$dir" 2 "$secrets"
  start_rabbitmq_cluster "$dir" "$secrets"
  wait_for_sync_standby "$dir"
  ensure_postgres_roles "$PG_PRIMARY_SOCKET" "$secrets"
  create_database "$PG_PRIMARY_SOCKET" polri110
  # The clients' way in is HAProxy: described as a server of its own, so pg_connection and amqp_uri_of serve both runs.
  echo "$PORT_PG_FRONT" > "$dir/postgres-front.port"
  mkdir -p "$dir/broker-front"; echo "$PORT_AMQP_FRONT" > "$dir/broker-front/port"
  PG_OWNER=$(pg_connection "$dir/postgres-front" polri110_owner "$secrets")
  PG_SERVICE=$(pg_connection "$dir/postgres-front" polri110_service "$secrets")
  PG_AUDITOR=$(pg_connection "$dir/postgres-front" polri110_auditor "$secrets")
  ensure_broker_users "$dir/rabbitmq1" "$secrets"
  start_haproxy "$dir"
  AMQP_URI=$(amqp_uri_of "$dir/broker-front" "$secrets" polri110-admin)
  RABBIT_MANAGEMENT_URL="http://127.0.0.1:$PORT_MGMT_FRONT"
  BROKER_DIR=$dir/broker-front
  wait_until 30 "HAProxy in front of the primary" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT_PG_FRONT"
}

stop_cluster() { # stop_cluster DIR: everything start_cluster started, in the reverse order
  local dir=$1 n
  # Each step whatever became of the one before (a node killed in a failover test is simply gone).
  { [ -f "$dir/haproxy/pid" ] && kill "$(cat "$dir/haproxy/pid")" 2>/dev/null; } || true
  stop_rabbitmq_cluster "$dir"
  for n in 2 1; do as_root pkill -TERM -f "patroni $dir/postgres/patroni$n.yml" 2>/dev/null || true; done
  # [p]: the pattern must not match the shell that looks for it.
  wait_until 60 "Patroni to stop" bash -c "! pgrep -f '[p]atroni $dir/postgres/' >/dev/null" || true
  # A server Patroni left behind stops as any other.
  for n in 1 2; do stop_postgres "$dir/postgres/pg$n"; done
  { [ -f "$dir/etcd/pid" ] && kill "$(cat "$dir/etcd/pid")" 2>/dev/null; } || true
  return 0
}

# What the failover proof does to the cluster (./scripts/benchmark.sh failover): kill -9 one piece, start it again.
kill_rabbitmq_node() { # kill_rabbitmq_node DIR N
  local pid
  for pid in $(pgrep beam.smp); do
    tr '\0' '\n' < "/proc/$pid/environ" 2>/dev/null | grep -qx "RABBITMQ_NODENAME=polri110-c$2@localhost" && kill -9 "$pid"
  done
  return 0
}

restart_rabbitmq_node() { # restart_rabbitmq_node DIR N: the node rejoins its cluster with its data
  local node=$1/rabbitmq$2
  ( rabbit_env "$node"; setsid nohup /usr/lib/rabbitmq/bin/rabbitmq-server >>"$node/log/console.log" 2>&1 & echo $! > "$node/server.pid"
    wait_for_rabbitmq 120 "RabbitMQ node $2" )
}

patroni_primary() { # patroni_primary DIR: the number of the node Patroni names primary now
  local n rest
  for n in 1 2; do rest=PORT_PATRONI$n; curl -fsS "http://127.0.0.1:${!rest}/primary" >/dev/null 2>&1 && { echo "$n"; return 0; }; done
  return 1
}

kill_patroni_node() { # kill_patroni_node DIR N: the whole node, as a machine lost: Patroni and its PostgreSQL
  as_root pkill -9 -f "[p]atroni $1/postgres/patroni$2.yml" || true
  as_root pkill -9 -f "[p]ostgres -D $1/postgres/pg$2 " || true
}

# restart_patroni_node DIR N SECRETS: it rejoins as a standby (pg_rewind where needed), within 9-19 s measured on the
# loaded cluster test. A rejoin that does not come (as when the WAL it needed was gone, before wal_keep_size) fails
# after five minutes with Patroni's view and the end of the node's log.
restart_patroni_node() {
  start_patroni "$1" "$2" "$3"
  wait_until 300 "node $2 to rejoin as synchronous standby" bash -c \
    "curl -fsS http://127.0.0.1:$PORT_PATRONI1/cluster | grep -q '\"name\": \"pg$2\", \"role\": \"sync_standby\", \"state\": \"running\"'" || {
    { echo "Patroni's view: $(curl -fsS "http://127.0.0.1:$PORT_PATRONI1/cluster" 2>&1)"
      echo "pg$2's Patroni log ends:"; as_root tail -n 30 "$1/postgres/patroni$2.log"; } >&2
    return 1
  }
}
