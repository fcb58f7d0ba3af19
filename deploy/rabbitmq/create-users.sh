#!/bin/sh
# Creates or updates the services' RabbitMQ users and their permissions (service-permissions.tsv beside this script)
# through the management API. Used by scripts/infra.sh (./run.sh, ./test.sh) and by docker-compose.yml.
#
#   POLRI110_AMQP_ADMIN=polri110-admin POLRI110_AMQP_ADMIN_PASSWORD=… create-users.sh http://127.0.0.1:15672 [vhost]
#
# Each user's password comes from POLRI110_AMQP_PASSWORD_<USER>, the user's name upper-cased with dashes as underscores
# (POLRI110_AMQP_PASSWORD_POLRI110_INTAKE); every one is required. Secrets travel on standard input, never as arguments.
set -eu
management=$1
vhost=$(printf %s "${2:-/}" | sed 's|/|%2F|g')
table=$(dirname "$0")/service-permissions.tsv
tab=$(printf '\t')

api() { # api METHOD PATH JSON
  { printf 'user = "%s:%s"\n' "$POLRI110_AMQP_ADMIN" "$POLRI110_AMQP_ADMIN_PASSWORD"
    printf 'data = "%s"\n' "$(printf %s "$3" | sed 's/\\/\\\\/g; s/"/\\"/g')"
  } | curl -fsS -K - -X "$1" -H 'content-type: application/json' "$management$2" >/dev/null
}

json() { printf %s "$1" | sed 's/\\/\\\\/g'; }  # a regular expression as a JSON string's content

grep -v '^#' "$table" | while IFS="$tab" read -r user tags configure write read; do
  [ -n "$user" ] || continue
  [ "$tags" != - ] || tags=""
  variable=POLRI110_AMQP_PASSWORD_$(printf %s "$user" | tr 'a-z-' 'A-Z_')
  password=$(eval "printf %s \"\${$variable:?$variable is not set}\"")
  api PUT "/api/users/$user" "{\"password\":\"$password\",\"tags\":\"$tags\"}"
  api PUT "/api/permissions/$vhost/$user" \
    "{\"configure\":\"$(json "$configure")\",\"write\":\"$(json "$write")\",\"read\":\"$(json "$read")\"}"
done
