#!/usr/bin/env bash
# Builds the committed bundles: dist/index.js (the Action), dist/cli.js (the CLI) and
# dist/decode-worker.js (the read-ahead thread both start for a long log).
# Both sit directly in dist/ so code resolves header/ and examples/ the same way from either.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npx ncc build src/index.ts -o "$work/action" --license licenses.txt --quiet
npx ncc build src/cli.ts -o "$work/cli" --quiet
npx ncc build src/decode-worker.ts -o "$work/decode-worker" --quiet
for bundle in action cli decode-worker; do
  extra=$(cd "$work/$bundle" && ls | grep -v -e '^index.js$' -e '^licenses.txt$' -e '^package.json$' || true)
  if [ -n "$extra" ]; then
    echo "bundle: ncc emitted files besides index.js for $bundle ($extra); dist/ expects one file per bundle" >&2
    exit 1
  fi
done
rm -rf dist && mkdir -p dist
cp "$work/action/index.js" dist/index.js
cp "$work/action/licenses.txt" dist/licenses.txt
{ head -1 "$work/cli/index.js" | grep -q '^#!' || echo '#!/usr/bin/env node'; cat "$work/cli/index.js"; } > dist/cli.js
chmod +x dist/cli.js
cp "$work/decode-worker/index.js" dist/decode-worker.js
