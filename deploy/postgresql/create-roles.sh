#!/bin/sh
# The event store's roles and database (SPEC §11, least privilege), for a PostgreSQL whose superuser runs this once:
# the postgres image runs it from /docker-entrypoint-initdb.d (docker-compose.yml); scripts/infra.sh does the same for
# ./run.sh and ./test.sh. The owner applies the schema ("migrate"); the services read and write rows as
# polri110_service and own nothing; auditors read with psql as polri110_auditor. Passwords come from the environment
# (POLRI110_PG_OWNER_PASSWORD, POLRI110_PG_SERVICE_PASSWORD, POLRI110_PG_AUDITOR_PASSWORD), through standard input.
set -eu
{
  for role in owner service auditor; do
    variable=POLRI110_PG_$(echo "$role" | tr a-z A-Z)_PASSWORD
    password=$(eval "printf %s \"\${$variable:?$variable is not set}\"" | sed "s/'/''/g")
    echo "CREATE ROLE polri110_$role LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '$password';"
  done
  echo "CREATE DATABASE polri110 OWNER polri110_owner;"
  echo "REVOKE ALL ON DATABASE polri110 FROM PUBLIC;"
  echo "GRANT CONNECT ON DATABASE polri110 TO polri110_service, polri110_auditor;"
} | psql -v ON_ERROR_STOP=1 -X -q --username "${POSTGRES_USER:-postgres}" --dbname postgres
