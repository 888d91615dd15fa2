#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and EMPTY upload folders:
#   scripts/restore.sh BACKUP_DIR
#
# Run with the target environment loaded (DATABASE_URL names the new, empty database: create it
# first with `createdb`; MEDIA_ROOT / PRIVATE_MEDIA_ROOT the new folders). It checks the
# archives' sha256, restores the database in one transaction, unpacks the files, checks every
# file's sha256, then runs `migrate` (a backup of older code is brought up to date) and
# `sync_site`. It refuses to write into a database that has tables or a folder with files.
set -euo pipefail
backup=${1:?usage: scripts/restore.sh BACKUP_DIR}
backup=$(cd "$backup" && pwd)
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
: "${DATABASE_URL:?DATABASE_URL is not set (load the target environment first)}"

(cd "$backup" && sha256sum --quiet -c SHA256SUMS)

tables=$(psql "$DATABASE_URL" -Atc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database already has $tables tables; restore into a new one." >&2
  exit 2
fi
read -r media private < <("$python" -c '
import django; django.setup()
from django.conf import settings as s
print(s.MEDIA_ROOT, s.PRIVATE_MEDIA_ROOT)')
for root in "$media" "$private"; do
  if [ -d "$root" ] && [ -n "$(find "$root" -type f -print -quit)" ]; then
    echo "restore.sh: $root already holds files; restore into empty folders." >&2
    exit 2
  fi
done

pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$backup/database.dump"
umask 027
for pair in "media:$media" "private:$private"; do
  name=${pair%%:*}; root=${pair#*:}
  mkdir -p "$root"
  tar -C "$root" -xzf "$backup/$name.tar.gz"
  sums=$(grep "  $name/" "$backup/files.sha256" | sed "s|  $name/|  |" || true)
  if [ -n "$sums" ]; then (cd "$root" && sha256sum --quiet -c - <<<"$sums"); fi
done
"$python" manage.py migrate --noinput -v0
"$python" manage.py sync_site
echo "restored $backup"
