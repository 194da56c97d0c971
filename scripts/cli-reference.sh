#!/usr/bin/env bash
# Prints the CLI reference (every command's --help) as Markdown; the README's "CLI reference" section is its output.
set -euo pipefail
cd "$(dirname "$0")/.."
echo '```'
./pacscluster --help
echo '```'
for c in inspect ingest evaluate train predict experiment audit sweep bench spark; do
  echo
  echo "### \`pacscluster $c\`"
  echo
  echo '```'
  ./pacscluster "$c" --help
  echo '```'
done
