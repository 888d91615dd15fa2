#!/usr/bin/env bash
# Back up the database and the uploads into one new folder: scripts/backup.sh DEST_DIR
#
# Run with the production environment loaded (DATABASE_URL, and MEDIA_ROOT / PRIVATE_MEDIA_ROOT
# if set), from the project folder, e.g. as the academy user:
#   set -a; . /etc/academy/academy.env; set +a; scripts/backup.sh /srv/academy/backups
# Writes DEST_DIR/academy-<UTC time>/ with
#   database.dump   pg_dump --format=custom (restore with scripts/restore.sh)
#   media.tar.gz    MEDIA_ROOT (images, documents)
#   private.tar.gz  PRIVATE_MEDIA_ROOT (submitted files: never public, back them up)
#   files.sha256    the sha256 of every uploaded file (restore checks them)
#   SHA256SUMS      the sha256 of the three archives
# and prints the folder. The database is dumped first, the files after: a file uploaded in
# between is in the archive without a row, never a row without its file.
set -euo pipefail
dest=${1:?usage: scripts/backup.sh DEST_DIR}
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
: "${DATABASE_URL:?DATABASE_URL is not set (load the production environment first)}"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not PostgreSQL; copy the SQLite file instead." >&2; exit 2 ;;
esac

# The folders as the settings see them (defaults included).
read -r media private < <("$python" -c '
import django; django.setup()
from django.conf import settings as s
print(s.MEDIA_ROOT, s.PRIVATE_MEDIA_ROOT)')

umask 077
out="$dest/academy-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
for pair in "media:$media" "private:$private"; do
  name=${pair%%:*}; root=${pair#*:}
  mkdir -p "$root"
  tar -C "$root" -czf "$out/$name.tar.gz" .
  (cd "$root" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) | sed "s|  \./|  $name/|" >> "$out/files.sha256"
done
touch "$out/files.sha256"
(cd "$out" && sha256sum database.dump media.tar.gz private.tar.gz > SHA256SUMS)
echo "$out"
